//! Extraction scored on real saved pages: the development corpus
//! `<workspace root>/../shared/fixtures/pages/` (150 news and blog pages,
//! each labelled with its byline's people and its publisher; see that
//! folder's README for where they come from). Not in this repository:
//! CI has it next to the checkout, as every developer does.
//!
//! The per-page table and the totals are written to the test's output
//! (straight to stderr, so they show in `cargo test` and CI runs, passing
//! or not). What is scored is what the panel
//! shows ([`shown`]): the people and companies after ranking and its
//! cut-off, not everything the extractor found.
//!
//! - person recall: labelled names (all authors of each page) the panel shows;
//! - person precision: of the people the panel shows on pages whose label
//!   names people, how many are one of them (on the pages labelled "no
//!   person" the source named a desk or an agency, not "nobody is on the
//!   page": what is shown there is listed, not counted);
//! - company recall: labelled publishers the panel shows.
//!
//! The corpus is for measuring: nothing in the extractor knows its sites.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use sidecar_core::insights::text::{company_key, person_key};
use sidecar_core::insights::{extract, shown, snapshot_from_html};

#[derive(Deserialize)]
struct Label {
    name: String,
    url: String,
    persons: Vec<String>,
    company: Option<String>,
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/pages")
}

/// The page as the browser decodes it: UTF-8, else (the two pages that
/// declare ISO-8859-1) as windows-1252, which browsers read that label as.
fn page_text(bytes: &[u8]) -> String {
    /// windows-1252's 0x80–0x9F (the five it leaves undefined read as C1 controls).
    const C1: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™',
        'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => bytes.iter().map(|&b| if (0x80..0xa0).contains(&b) { C1[usize::from(b - 0x80)] } else { char::from(b) }).collect(),
    }
}

/// Whether the panel's company `got` is the labelled publisher `want`:
/// the same name once legal forms and punctuation are set aside.
fn same_company(want: &str, got: &str) -> bool {
    let (w, g) = (company_key(want), company_key(got));
    !w.is_empty() && w == g
}

fn same_person(want: &str, got: &str) -> bool {
    person_key(want) == person_key(got)
}

struct Row {
    name: String,
    persons: usize,
    persons_found: usize,
    shown_people: Vec<String>,
    right_people: usize,
    company: Option<String>,
    company_found: bool,
    shown_companies: Vec<String>,
}

/// A line of the report, written past the test harness's capture: the table
/// is kept in every run's output, not only a failing one's.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stderr().lock(), $($arg)*).ok();
    }};
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 { 100.0 } else { 100.0 * a as f64 / b as f64 }
}

#[test]
fn real_pages_recall_and_precision() {
    let dir = corpus();
    let labels = std::fs::read(dir.join("labels.json"))
        .unwrap_or_else(|e| panic!("{}: {e} (the corpus lives next to the repository, in shared/fixtures/pages)", dir.display()));
    let labels: Vec<Label> = serde_json::from_slice(&labels).expect("labels.json");
    assert!(labels.len() >= 150, "{} labelled pages", labels.len());

    let mut rows = Vec::new();
    for label in &labels {
        let bytes = std::fs::read(dir.join(format!("{}.html", label.name))).expect(&label.name);
        let x = extract(&snapshot_from_html(&page_text(&bytes), &label.url));
        let panel = shown(x);
        let people: Vec<String> = panel.people.iter().map(|p| p.name.clone()).collect();
        let companies: Vec<String> = panel.companies.iter().map(|c| c.name.clone()).collect();
        rows.push(Row {
            name: label.name.clone(),
            persons: label.persons.len(),
            persons_found: label.persons.iter().filter(|w| people.iter().any(|g| same_person(w, g))).count(),
            right_people: people.iter().filter(|g| label.persons.iter().any(|w| same_person(w, g))).count(),
            shown_people: people,
            company_found: label.company.as_deref().is_some_and(|w| companies.iter().any(|g| same_company(w, g))),
            company: label.company.clone(),
            shown_companies: companies,
        });
    }

    say!("{:<44} {:>7} {:>6} {:>7}  company", "page", "persons", "found", "right");
    for r in &rows {
        let mark = |ok: bool| if ok { " " } else { "✗" };
        let people_ok = r.persons_found == r.persons && (r.persons == 0 || r.right_people == r.shown_people.len());
        say!(
            "{}{:<43} {:>7} {:>6} {:>4}/{:<2}  {}{}",
            mark(people_ok),
            r.name,
            r.persons,
            r.persons_found,
            r.right_people,
            r.shown_people.len(),
            mark(r.company.is_none() || r.company_found),
            r.company.as_deref().unwrap_or("(none)"),
        );
        if !people_ok {
            say!("      people shown: {:?}", r.shown_people);
        }
        if r.company.is_some() && !r.company_found {
            say!("      companies shown: {:?}", r.shown_companies);
        }
    }
    let labelled: Vec<&Row> = rows.iter().filter(|r| r.persons > 0).collect();
    let names = labelled.iter().map(|r| r.persons).sum::<usize>();
    let names_found = labelled.iter().map(|r| r.persons_found).sum::<usize>();
    let pages_found = labelled.iter().filter(|r| r.persons_found > 0).count();
    let shown = labelled.iter().map(|r| r.shown_people.len()).sum::<usize>();
    let right = labelled.iter().map(|r| r.right_people).sum::<usize>();
    let with_company: Vec<&Row> = rows.iter().filter(|r| r.company.is_some()).collect();
    let companies_found = with_company.iter().filter(|r| r.company_found).count();
    let unlabelled_shown = rows.iter().filter(|r| r.persons == 0).map(|r| r.shown_people.len()).sum::<usize>();
    let person_recall = pct(names_found, names);
    let person_precision = pct(right, shown);
    let company_recall = pct(companies_found, with_company.len());
    say!(
        "person recall {person_recall:.1}% ({names_found}/{names} names; {pages_found}/{} pages with one), \
         person precision {person_precision:.1}% ({right}/{shown} shown), company recall {company_recall:.1}% ({companies_found}/{}); \
         {unlabelled_shown} people shown on the {} pages labelled without one",
        labelled.len(),
        with_company.len(),
        rows.len() - labelled.len(),
    );
    assert!(person_recall >= 90.0, "person recall {person_recall:.1}%");
    assert!(person_precision >= 80.0, "person precision {person_precision:.1}%");
    assert!(company_recall >= 90.0, "company recall {company_recall:.1}%");
}
