//! The benchmark report: figures grouped in sections, each figure a set of
//! samples summarised as a median and spread, compared with a reference
//! measured in the same run (the ratio is what budgets judge, so a slow or
//! busy machine slows both sides alike). Written as `report.md` for people
//! and `report.json` for tools; both are built from this one model, so a new
//! section (browser figures, sizes) only has to produce `Section`s.

use std::fmt::Write as _;

use serde_json::{Value, json};

/// Which direction is good for a figure (and so how its budget reads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    /// Latencies, sizes: the budget is a maximum ratio.
    Lower,
    /// Throughputs: the budget is a minimum ratio.
    Higher,
}

/// Order statistics of a set of samples.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stats {
    pub n: usize,
    pub min: f64,
    pub p10: f64,
    pub p25: f64,
    pub median: f64,
    pub p75: f64,
    pub p90: f64,
    pub max: f64,
}

impl Stats {
    /// `None` for no samples. Percentiles interpolate linearly between ranks.
    pub fn of(samples: &[f64]) -> Option<Self> {
        let mut sorted: Vec<f64> = samples.iter().copied().filter(|s| s.is_finite()).collect();
        if sorted.is_empty() {
            return None;
        }
        sorted.sort_by(f64::total_cmp);
        let at = |q: f64| {
            let rank = q * (sorted.len() - 1) as f64;
            let (lo, hi) = (rank.floor() as usize, rank.ceil() as usize);
            sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo as f64)
        };
        Some(Self {
            n: sorted.len(),
            min: sorted[0],
            p10: at(0.10),
            p25: at(0.25),
            median: at(0.5),
            p75: at(0.75),
            p90: at(0.90),
            max: sorted[sorted.len() - 1],
        })
    }

    fn to_json(self) -> Value {
        json!({"n": self.n, "min": self.min, "p10": self.p10, "p25": self.p25, "median": self.median,
               "p75": self.p75, "p90": self.p90, "max": self.max, "iqr": self.p75 - self.p25})
    }
}

/// Samples of one thing, in the figure's unit.
#[derive(Debug, Clone)]
pub struct Measure {
    pub name: String,
    pub samples: Vec<f64>,
}

impl Measure {
    pub fn new(name: impl Into<String>, samples: Vec<f64>) -> Self {
        Self { name: name.into(), samples }
    }

    pub fn stats(&self) -> Option<Stats> {
        Stats::of(&self.samples)
    }

    fn to_json(&self) -> Value {
        json!({"name": self.name, "samples": self.samples, "stats": self.stats().map(Stats::to_json)})
    }
}

/// One line of the report.
#[derive(Debug, Clone)]
pub struct Figure {
    /// Stable key for tools comparing runs, e.g. `devorg.query_2000`.
    pub id: String,
    pub name: String,
    /// `ms`, `req/s`, `bytes`...
    pub unit: String,
    pub better: Better,
    pub subject: Measure,
    pub reference: Measure,
    /// Worst acceptable `subject / reference` ratio of medians (a maximum
    /// for [`Better::Lower`], a minimum for [`Better::Higher`]).
    pub budget: Option<f64>,
    /// Other things measured alongside (response size, request counts).
    pub facts: Vec<(String, String)>,
    /// Hard failures seen while measuring (e.g. a request that errored):
    /// any makes the figure fail whatever its ratio.
    pub failures: Vec<String>,
}

impl Figure {
    /// `subject median / reference median`.
    pub fn ratio(&self) -> Option<f64> {
        let (s, r) = (self.subject.stats()?, self.reference.stats()?);
        (r.median > 0.0).then(|| s.median / r.median)
    }

    pub fn within_budget(&self) -> bool {
        match (self.budget, self.ratio()) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(b), Some(r)) => match self.better {
                Better::Lower => r <= b,
                Better::Higher => r >= b,
            },
        }
    }

    pub fn passed(&self) -> bool {
        self.failures.is_empty() && self.subject.stats().is_some() && self.within_budget()
    }

    fn budget_text(&self) -> String {
        match (self.budget, self.better) {
            (None, _) => "-".into(),
            (Some(b), Better::Lower) => format!("≤ {}", ratio_text(b)),
            (Some(b), Better::Higher) => format!("≥ {}", ratio_text(b)),
        }
    }

    fn to_json(&self) -> Value {
        json!({
            "id": self.id, "name": self.name, "unit": self.unit,
            "better": match self.better { Better::Lower => "lower", Better::Higher => "higher" },
            "subject": self.subject.to_json(), "reference": self.reference.to_json(),
            "ratio": self.ratio(), "budget": self.budget, "passed": self.passed(),
            "facts": self.facts.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect::<serde_json::Map<_, _>>(),
            "failures": self.failures,
        })
    }
}

/// A group of figures measured together, with notes on how.
#[derive(Debug, Clone, Default)]
pub struct Section {
    pub title: String,
    pub notes: Vec<String>,
    pub figures: Vec<Figure>,
}

/// The whole run.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub started_utc: String,
    pub elapsed_seconds: f64,
    /// (what, value): CPU, cores, memory, kernel.
    pub machine: Vec<(String, String)>,
    /// (tool, version): rustc, SQLite, git commit...
    pub tools: Vec<(String, String)>,
    pub sections: Vec<Section>,
    /// Sections that could not be measured at all (e.g. the server did not start).
    pub errors: Vec<String>,
}

impl Report {
    pub fn passed(&self) -> bool {
        self.errors.is_empty() && self.sections.iter().flat_map(|s| &s.figures).all(Figure::passed)
    }

    /// The figures table alone (printed after a run, pasted in the README).
    pub fn table(&self) -> String {
        let mut out = String::from(
            "| Figure | Median | Spread p10–p90 (IQR) | Reference (median) | Ratio | Budget | Result |\n\
             | --- | ---: | ---: | --- | ---: | ---: | --- |\n",
        );
        for figure in self.sections.iter().flat_map(|s| &s.figures) {
            let unit = &figure.unit;
            let (median, spread) = match figure.subject.stats() {
                Some(s) => (format!("{} {unit}", num(s.median)), format!("{}–{} ({})", num(s.p10), num(s.p90), num(s.p75 - s.p25))),
                None => ("no samples".into(), "-".into()),
            };
            let reference = match figure.reference.stats() {
                Some(r) => format!("{} ({} {unit})", figure.reference.name, num(r.median)),
                None => format!("{} (no samples)", figure.reference.name),
            };
            let ratio = figure.ratio().map_or("-".into(), ratio_text);
            let result = if figure.passed() { "ok" } else { "**FAIL**" };
            let _ = writeln!(out, "| {} | {median} | {spread} | {reference} | {ratio} | {} | {result} |", figure.name, figure.budget_text());
        }
        out
    }

    pub fn to_markdown(&self) -> String {
        let mut out = String::from("# Sidecar benchmarks\n\n");
        let verdict = if self.passed() { "all figures within budget" } else { "**some figures FAILED** (see Result)" };
        let _ = writeln!(out, "Run {} in {:.0} s: {verdict}.\n", self.started_utc, self.elapsed_seconds);
        out.push_str(&self.table());
        for error in &self.errors {
            let _ = writeln!(out, "\n**ERROR**: {error}");
        }
        out.push_str(
            "\nSpread is p10–p90 of the samples, with the interquartile range in brackets. Ratio is the figure's median over \
                      its reference's median, both measured in this run, interleaved where possible; budgets judge the ratio, \
                      never a time, so a slower or busier machine moves both sides.\n",
        );
        for section in &self.sections {
            let _ = writeln!(out, "\n## {}\n", section.title);
            for note in &section.notes {
                let _ = writeln!(out, "- {note}");
            }
            for figure in &section.figures {
                let _ = writeln!(out, "\n**{}**", figure.name);
                for (k, v) in &figure.facts {
                    let _ = writeln!(out, "- {k}: {v}");
                }
                for failure in &figure.failures {
                    let _ = writeln!(out, "- FAILURE: {failure}");
                }
            }
        }
        out.push_str("\n## Machine\n\n");
        for (k, v) in &self.machine {
            let _ = writeln!(out, "- {k}: {v}");
        }
        out.push_str("\n## Tools\n\n");
        for (k, v) in &self.tools {
            let _ = writeln!(out, "- {k}: {v}");
        }
        out
    }

    pub fn to_json(&self) -> Value {
        let pairs = |v: &[(String, String)]| v.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect::<serde_json::Map<_, _>>();
        json!({
            "format": 1,
            "started_utc": self.started_utc,
            "elapsed_seconds": self.elapsed_seconds,
            "passed": self.passed(),
            "machine": pairs(&self.machine),
            "tools": pairs(&self.tools),
            "errors": self.errors,
            "sections": self.sections.iter().map(|s| json!({
                "title": s.title, "notes": s.notes,
                "figures": s.figures.iter().map(Figure::to_json).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })
    }
}

/// Three significant digits, thousands separated: `0.412`, `41.2`, `1,234`.
pub fn num(x: f64) -> String {
    if x.abs() >= 1000.0 {
        let s = format!("{:.0}", x.abs());
        let mut grouped = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        if x < 0.0 { format!("-{grouped}") } else { grouped }
    } else if x.abs() >= 100.0 {
        format!("{x:.0}")
    } else if x.abs() >= 10.0 {
        format!("{x:.1}")
    } else if x.abs() >= 1.0 {
        format!("{x:.2}")
    } else {
        format!("{x:.3}")
    }
}

fn ratio_text(r: f64) -> String {
    format!("{}×", num(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_interpolate_between_ranks() {
        let s = Stats::of(&[5.0, 1.0, 3.0, 2.0, 4.0]).expect("stats");
        assert_eq!((s.n, s.min, s.median, s.max), (5, 1.0, 3.0, 5.0));
        assert!((s.p10 - 1.4).abs() < 1e-9 && (s.p25 - 2.0).abs() < 1e-9 && (s.p90 - 4.6).abs() < 1e-9);
        assert_eq!(Stats::of(&[]), None);
    }

    fn figure(better: Better, subject: f64, reference: f64, budget: f64) -> Figure {
        Figure {
            id: "t".into(),
            name: "t".into(),
            unit: "ms".into(),
            better,
            subject: Measure::new("s", vec![subject]),
            reference: Measure::new("r", vec![reference]),
            budget: Some(budget),
            facts: vec![],
            failures: vec![],
        }
    }

    #[test]
    fn budgets_read_in_the_figures_direction() {
        assert!(figure(Better::Lower, 10.0, 1.0, 20.0).passed());
        assert!(!figure(Better::Lower, 30.0, 1.0, 20.0).passed());
        assert!(figure(Better::Higher, 9.0, 10.0, 0.8).passed());
        assert!(!figure(Better::Higher, 5.0, 10.0, 0.8).passed());
        let mut failed = figure(Better::Lower, 1.0, 1.0, 20.0);
        failed.failures.push("1 request failed".into());
        assert!(!failed.passed());
    }

    #[test]
    fn numbers_keep_three_significant_digits() {
        assert_eq!(num(0.41234), "0.412");
        assert_eq!(num(41.234), "41.2");
        assert_eq!(num(1234567.0), "1,234,567");
    }
}
