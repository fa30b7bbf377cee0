// The parts of ECharts the app uses, registered once: importing from
// echarts/core keeps the chunk to the pie, bar and gauge charts.
import { use, init, type ComposeOption } from 'echarts/core'
import { BarChart, GaugeChart, PieChart, type BarSeriesOption, type GaugeSeriesOption, type PieSeriesOption } from 'echarts/charts'
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TitleComponentOption,
  type TooltipComponentOption,
} from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([PieChart, BarChart, GaugeChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer])

/** ChartOption is the option type of the registered charts and components. */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | GaugeSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | TooltipComponentOption
>

export { init }
