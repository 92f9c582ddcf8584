//! The panel's global search: what the user types becomes ONE SOSL request
//! over Accounts, Contacts, Leads and Opportunities (each word a prefix, all
//! escaped: typed text never becomes SOSL syntax), and the answer becomes
//! hits with a title and a subtitle, grouped by object. What is asked of
//! each object comes from the org's describes ([`GlobalPlan`]): an object
//! the user cannot read or search, or a field the org does not have or
//! hides from them, is left out rather than failing the whole search.

use salesforce_rest::soql::FieldPath;
use salesforce_rest::sosl::{Returning, Search, SearchScope, SearchTerm, escape_sosl_term};
use salesforce_rest::wire::{DescribeGlobal, Record, SObjectDescribe};

/// Objects searched, with the fields a hit shows under its name (a path
/// through a lookup by its relationship name, as SOSL takes it). The title
/// is each object's name field, as its describe says.
pub const SEARCHED: [(&str, &[&str]); 4] = [
    ("Account", &["Industry", "BillingCity"]),
    ("Contact", &["Title", "Account.Name"]),
    ("Lead", &["Title", "Company"]),
    ("Opportunity", &["StageName", "Account.Name"]),
];

/// What the search asks of one object, as its describe spells the names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub object: String,
    /// The name field: a hit's title.
    pub title: String,
    /// The fields under the title, in [`SEARCHED`] order.
    pub subtitle: Vec<String>,
}

/// What the global search asks of each object, from the org's describes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GlobalPlan {
    pub objects: Vec<Shown>,
}

impl GlobalPlan {
    /// The plan for the describes at hand: each object of [`SEARCHED`]
    /// whose describe is there (one the user cannot read is not searched),
    /// says it is searchable and has a name field, with the subtitle fields
    /// it has (a lookup's path only where the describe of the object it
    /// points to is there and has the field).
    pub fn from_describes(describes: &[&SObjectDescribe]) -> Self {
        let find = |name: &str| describes.iter().copied().find(|d| d.name().eq_ignore_ascii_case(name));
        let objects = SEARCHED
            .iter()
            .filter_map(|(object, subtitle)| {
                let describe = find(object).filter(|d| d.object.searchable && d.object.queryable)?;
                let title = describe.name_field()?.name.clone();
                let subtitle = subtitle.iter().filter_map(|path| described_path(describe, path, &find)).collect();
                Some(Shown { object: describe.name().to_owned(), title, subtitle })
            })
            .collect();
        Self { objects }
    }

    /// The objects whose describes [`GlobalPlan::from_describes`] needs to
    /// search `wanted` (objects of [`SEARCHED`]): those the user's
    /// describeGlobal lists as searchable and queryable, then the objects
    /// their subtitles' paths go through (Account, for `Account.Name`) that
    /// it lists as queryable. Objects it does not list are never described
    /// (a describe of them would only fail, on every search).
    pub fn objects_to_describe(global: &DescribeGlobal, wanted: &[&str]) -> Vec<String> {
        let listed = |name: &str| global.object(name).filter(|o| o.queryable);
        let searched = SEARCHED.iter().filter(|(object, _)| wanted.iter().any(|w| w.eq_ignore_ascii_case(object)));
        let mut out: Vec<String> = searched.clone().filter_map(|(object, _)| listed(object).filter(|o| o.searchable)).map(|o| o.name.clone()).collect();
        for (object, subtitle) in searched {
            if !out.iter().any(|o| o.eq_ignore_ascii_case(object)) {
                continue;
            }
            for (relationship, _) in subtitle.iter().filter_map(|path| path.split_once('.')) {
                if let Some(target) = listed(relationship).filter(|t| !out.iter().any(|o| o.eq_ignore_ascii_case(&t.name))) {
                    out.push(target.name.clone());
                }
            }
        }
        out
    }

    /// The plan narrowed to `objects` (in the plan's order).
    pub fn only(&self, objects: &[&str]) -> Self {
        Self { objects: self.objects.iter().filter(|o| objects.iter().any(|n| n.eq_ignore_ascii_case(&o.object))).cloned().collect() }
    }
}

#[cfg(test)]
impl GlobalPlan {
    /// The plan of an org whose describes have every object and field of
    /// [`SEARCHED`] (real orgs' do: `records::tests::global_plan`).
    pub(crate) fn complete() -> Self {
        let objects = SEARCHED
            .iter()
            .map(|(object, subtitle)| Shown {
                object: (*object).to_owned(),
                title: "Name".to_owned(),
                subtitle: subtitle.iter().map(|f| (*f).to_owned()).collect(),
            })
            .collect();
        Self { objects }
    }
}

/// `path` ("Title", "Account.Name") as `describe` spells it, if it has it.
fn described_path<'a>(describe: &SObjectDescribe, path: &str, find: &impl Fn(&str) -> Option<&'a SObjectDescribe>) -> Option<String> {
    let Some((relationship, name)) = path.split_once('.') else {
        return describe.field(path).map(|f| f.name.clone());
    };
    let lookup = describe.field_for_relationship(relationship)?;
    let [target] = lookup.reference_to.as_slice() else { return None };
    let field = find(target)?.field(name)?;
    Some(format!("{}.{}", lookup.relationship_name.as_deref()?, field.name))
}

/// Hits shown per object: the panel is narrow, the user refines instead.
pub const PER_OBJECT: u64 = 5;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchInputError {
    #[error("Type at least 2 letters or digits to search.")]
    TooShort,
    /// The org's describes leave nothing this search could ask for.
    #[error("Your Salesforce access doesn't let you search these records. Your admin can give you access.")]
    NothingSearchable,
}

/// The SOSL term for typed text: every word escaped and matched as a
/// prefix; words that are SOSL operators (`and`, `or`, `not`) are quoted so
/// they are searched for, not obeyed.
pub fn term(text: &str) -> Result<SearchTerm, SearchInputError> {
    let significant: usize = text.chars().filter(|c| c.is_alphanumeric()).count();
    if significant < 2 {
        return Err(SearchInputError::TooShort);
    }
    let words: Vec<String> = text
        .split_whitespace()
        .map(|word| {
            if ["AND", "OR", "NOT"].contains(&word.to_ascii_uppercase().as_str()) {
                format!("\"{}\"", escape_sosl_term(word))
            } else if word.chars().filter(|c| c.is_alphanumeric()).count() >= 2 && word.ends_with(char::is_alphanumeric) {
                format!("{}*", escape_sosl_term(word))
            } else {
                escape_sosl_term(word)
            }
        })
        .collect();
    Ok(SearchTerm::raw(words.join(" ")))
}

/// The global search for `text` over what `plan` asks.
pub fn global_search(text: &str, plan: &GlobalPlan) -> Result<Search, SearchInputError> {
    let term = term(text)?;
    if plan.objects.is_empty() {
        return Err(SearchInputError::NothingSearchable);
    }
    let returning = plan
        .objects
        .iter()
        .map(|shown| {
            let mut fields = vec![FieldPath::new("Id"), FieldPath::new(&shown.title)];
            fields.extend(shown.subtitle.iter().map(|f| FieldPath::new(f)));
            Returning { limit: Some(PER_OBJECT), ..Returning { fields, ..Returning::new(&shown.object, &[]) } }
        })
        .collect();
    Ok(Search { term, scope: Some(SearchScope::All), returning, limit: Some(PER_OBJECT * plan.objects.len() as u64) })
}

/// One search result as the panel lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub object: String,
    pub id: String,
    pub title: String,
    /// The non-empty subtitle fields joined with " · ".
    pub subtitle: String,
}

/// The hits of a search answer, grouped in `plan` order (the answer's
/// order within an object). Records without an id or of other objects are skipped.
pub fn hits(records: &[Record], plan: &GlobalPlan) -> Vec<Hit> {
    let mut out = Vec::new();
    for shown in &plan.objects {
        for record in records.iter().filter(|r| r.object_type().is_some_and(|t| t.eq_ignore_ascii_case(&shown.object))) {
            let Some(id) = record.id() else { continue };
            let parts: Vec<&str> = shown.subtitle.iter().filter_map(|f| record.get_str(f)).filter(|s| !s.is_empty()).collect();
            out.push(Hit {
                object: shown.object.clone(),
                id: id.to_owned(),
                title: record.get_str(&shown.title).filter(|t| !t.is_empty()).unwrap_or("(no name)").to_owned(),
                subtitle: parts.join(" · "),
            });
        }
    }
    out
}
