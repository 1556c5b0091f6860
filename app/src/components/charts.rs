//! Server-rendered SVG charts for the reports. Each is drawn from the same figures as
//! the data table beside it, which is the chart's text alternative; colours come from
//! the stylesheet (classes), so the print style can turn them black on white.

use crate::reports::model::{RatingFigures, TrendPoint};
use leptos::prelude::*;

/// `91.2%`, or `—` for no value.
pub fn percent(value: Option<f64>) -> String {
    value
        .map(|v| format!("{:.1}%", v * 100.0))
        .unwrap_or_else(|| "—".into())
}

/// `85.0–94.1%`, or `—`.
pub fn interval(low: Option<f64>, high: Option<f64>) -> String {
    match (low, high) {
        (Some(low), Some(high)) => format!("{:.1}–{:.1}%", low * 100.0, high * 100.0),
        _ => "—".into(),
    }
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 36.0;

/// 好评率 month by month with its interval as a whisker; months without ratings are gaps.
#[component]
pub fn TrendChart(
    points: Vec<TrendPoint>,
    title: String,
    description: String,
    id: &'static str,
) -> impl IntoView {
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let step = plot_w / points.len().max(1) as f64;
    let x = move |i: usize| LEFT + step * (i as f64 + 0.5);
    let y = move |v: f64| TOP + plot_h * (1.0 - v.clamp(0.0, 1.0));
    let grid = [0.0, 0.25, 0.5, 0.75, 1.0]
        .map(|v| {
            view! {
                <line class="chart__grid" x1=LEFT x2=WIDTH - RIGHT y1=y(v) y2=y(v) />
                <text class="chart__axis" x=LEFT - 6.0 y=y(v) + 4.0 text-anchor="end">{format!("{}%", (v * 100.0) as i64)}</text>
            }
        })
        .into_iter()
        .collect_view();
    // The line joins consecutive months that have a rate; a gap breaks it.
    let mut path = String::new();
    let mut pen_down = false;
    for (i, p) in points.iter().enumerate() {
        match p.good_rate {
            Some(v) => {
                path.push_str(&format!(
                    "{}{:.1},{:.1} ",
                    if pen_down { "L" } else { "M" },
                    x(i),
                    y(v)
                ));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    let marks = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let label = p.month.get(2..).unwrap_or(&p.month).to_string();
            let point = p.good_rate.map(|v| {
                view! {
                    <line class="chart__whisker" x1=x(i) x2=x(i) y1=y(p.good_rate_low.unwrap_or(v)) y2=y(p.good_rate_high.unwrap_or(v)) />
                    <circle class="chart__point" cx=x(i) cy=y(v) r="4" />
                }
            });
            view! {
                {point}
                <text class="chart__axis" x=x(i) y=HEIGHT - BOTTOM + 16.0 text-anchor="middle">{label}</text>
            }
        })
        .collect_view();
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-labelledby=labelled_by>
            <title id=title_id>{title}</title>
            <desc id=desc_id>{description}</desc>
            {grid}
            <path class="chart__line" d=path />
            {marks}
        </svg>
    }
}

/// The five levels as horizontal bars, best first, each labelled with its count.
#[component]
pub fn DistributionChart(
    figures: RatingFigures,
    labels: [String; 5],
    title: String,
    id: &'static str,
) -> impl IntoView {
    const ROW: f64 = 30.0;
    const LABEL_W: f64 = 130.0;
    let height = ROW * 5.0 + 8.0;
    let bar_w = WIDTH - LABEL_W - 90.0;
    let total = figures.n.max(1) as f64;
    let bars = figures
        .levels()
        .into_iter()
        .zip(labels)
        .enumerate()
        .map(|(i, ((level, n), label))| {
            let top = 4.0 + ROW * i as f64;
            let w = bar_w * n as f64 / total;
            view! {
                <text class="chart__label" x=LABEL_W - 8.0 y=top + 19.0 text-anchor="end">{label}</text>
                <rect class=format!("chart__bar chart__bar--{}", level.score()) x=LABEL_W y=top + 4.0 width=format!("{w:.1}") height=ROW - 8.0 />
                <text class="chart__value" x=LABEL_W + w + 6.0 y=top + 19.0>
                    {format!("{n} ({})", percent((figures.n > 0).then(|| n as f64 / figures.n as f64)))}
                </text>
            }
        })
        .collect_view();
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby=labelled_by>
            <title id=title_id>{title}</title>
            {bars}
        </svg>
    }
}
