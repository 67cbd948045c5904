/* layout_chart — a bound chart block → caption, Figure tag, a planned chart.
 *
 * The plan (every label measured and placed) is made here, at the column's
 * width, so render only draws it. The chart's look starts from the chart
 * module's defaults and takes the house style's body font and, where the
 * layout gives them, its chart sizes, padding and series colours. */
#include <math.h>

#include "chart/chart.h"
#include "layout_internal.h"

void layout_chart_collect(Collect *c, const SpecBlock *b, Column col) {
  const SpecDataBlock *d = b->data;
  const ChartSpec *spec = d->chart;
  if (!spec) return; /* bind reported why */
  const Style *s = c->style;
  double height = d->height_pt > 0 ? d->height_pt : spec->sparkline ? s->chart.sparkline_height : s->chart.height;
  double body = style_body_bottom(s) - style_body_top(s) - s->chart.caption_room;
  height = MIN(height, body);
  ChartStyle cs = style_chart_style(s);
  ChartPlan *plan = chart_plan(spec, &cs, c->ctx, col.width, height, c->diags);
  if (!plan) return;
  g_ptr_array_add(c->doc->charts, plan);

  collect_caption(c, b, col);
  FlowItem *fig = flow_list_add(c->list, FLOW_TAG_BEGIN);
  fig->tag = LAYOUT_TAG_FIGURE;
  /* The description is built from the data; the plan adds what it left out. */
  char *note = chart_plan_note(plan, spec);
  char *alt = note ? g_strdup_printf("%s %s", d->alt ? d->alt : "", note) : g_strdup(d->alt ? d->alt : "");
  fig->alt = g_string_chunk_insert_const(c->doc->strings, alt);
  g_free(alt);
  g_free(note);
  FlowItem *im = flow_list_add(c->list, FLOW_IMAGE);
  im->chart = plan;
  im->x = col.x, im->width = col.width, im->height = plan->height;
  im->space_after = s->text[STYLE_BODY].space_after * 1.5;
  collect_tag_end(c, LAYOUT_TAG_FIGURE);
}
