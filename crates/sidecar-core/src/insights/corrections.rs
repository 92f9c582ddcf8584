//! "Wrong match?": the user's corrections, remembered per company (by its
//! domain, else its name) or person (by email, else LinkedIn URL, else
//! name), so the same page, or another page about the same company or
//! person, shows the right record, or none. Kept in the browser only.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::extract::Extraction;
use super::search::{Entity, Match, Why};

/// What the user said about an entity's match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Correction {
    /// This record is the one.
    Record { object: String, id: String, name: String },
    /// None of the CRM's records is this company or person.
    NotInCrm,
}

/// What "Wrong match?" searches for the right record by what the user
/// typed: Accounts for a company, Contacts and Leads for a person (the
/// panel's global search, every word escaped, over those objects only).
pub fn correction_objects(entity: Entity) -> &'static [&'static str] {
    match entity {
        Entity::Company(_) => &["Account"],
        Entity::Person(_) => &["Contact", "Lead"],
    }
}

/// Entity key → correction; the `chrome.storage.local` value under [`crate::settings::keys::INSIGHTS_CORRECTIONS`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Corrections {
    pub by_entity: BTreeMap<String, Correction>,
}

/// The stable key of an extracted company or person.
pub fn entity_key(x: &Extraction, entity: Entity) -> Option<String> {
    match entity {
        Entity::Company(i) => {
            let c = x.companies.get(i)?;
            Some(match &c.domain {
                Some(d) => format!("domain:{}", d.to_ascii_lowercase()),
                None => format!("company:{}", c.name.trim().to_lowercase()),
            })
        }
        Entity::Person(i) => {
            let p = x.people.get(i)?;
            Some(match (&p.email, &p.linkedin_url) {
                (Some(e), _) => format!("email:{}", e.to_ascii_lowercase()),
                (None, Some(l)) => format!("linkedin:{}", l.to_ascii_lowercase()),
                (None, None) => format!("person:{}", p.name.trim().to_lowercase()),
            })
        }
    }
}

impl Corrections {
    pub fn set(&mut self, x: &Extraction, entity: Entity, correction: Correction) {
        if let Some(key) = entity_key(x, entity) {
            self.by_entity.insert(key, correction);
        }
    }

    /// The matches as corrected: a corrected entity's matches are replaced
    /// by the chosen record (or by nothing), first in the list.
    pub fn apply(&self, x: &Extraction, matches: &[Match]) -> Vec<Match> {
        let entities = (0..x.companies.len()).map(Entity::Company).chain((0..x.people.len()).map(Entity::Person));
        let mut chosen = Vec::new();
        let mut corrected = Vec::new();
        for entity in entities {
            let Some(correction) = entity_key(x, entity).and_then(|k| self.by_entity.get(&k)) else { continue };
            corrected.push(entity);
            if let Correction::Record { object, id, name } = correction {
                chosen.push(Match { object: object.clone(), id: id.clone(), name: name.clone(), why: Why::ChosenByYou, exact: true, confidence: 1.0, entity });
            }
        }
        chosen.extend(matches.iter().filter(|m| !corrected.contains(&m.entity)).cloned());
        chosen
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::extract::{Company, Person};
    use crate::records::search::{GlobalPlan, SearchInputError, global_search};

    fn extraction() -> Extraction {
        Extraction {
            companies: vec![Company {
                name: "Acme Robotics".into(),
                domain: Some("acmerobotics.com".into()),
                linkedin_url: None,
                confidence: 0.9,
                evidence: vec![],
            }],
            people: vec![
                Person {
                    name: "Maria Chen".into(),
                    title: None,
                    email: Some("Maria.Chen@acmerobotics.com".into()),
                    company: None,
                    linkedin_url: None,
                    phone: None,
                    confidence: 0.9,
                    evidence: vec![],
                },
                Person {
                    name: "Tom Becker".into(),
                    title: None,
                    email: None,
                    company: None,
                    linkedin_url: None,
                    phone: None,
                    confidence: 0.6,
                    evidence: vec![],
                },
            ],
            ..Extraction::default()
        }
    }

    fn m(object: &str, id: &str, why: Why, entity: Entity) -> Match {
        Match { object: object.into(), id: id.into(), name: id.into(), why, exact: why.exact(), confidence: 0.5, entity }
    }

    /// The search "Wrong match?" sends for `entity`, on an org whose
    /// describes have every searched field.
    fn correction_search(entity: Entity, text: &str) -> Result<salesforce_rest::sosl::Search, SearchInputError> {
        global_search(text, &GlobalPlan::complete().only(correction_objects(entity)))
    }

    #[test]
    fn the_right_record_is_searched_among_its_kind_escaped() {
        let text = correction_search(Entity::Company(0), "acme OR x\\").expect("search").to_string();
        assert_eq!(text, "FIND {acme* \"OR\" x\\\\} IN ALL FIELDS RETURNING Account(Id, Name, Industry, BillingCity LIMIT 5) LIMIT 5");
        let text = correction_search(Entity::Person(0), "maria").expect("search").to_string();
        assert!(text.contains("RETURNING Contact(") && text.contains("Lead(") && !text.contains("Account(") && text.ends_with("LIMIT 10"), "{text}");
        assert_eq!(correction_search(Entity::Person(0), "m"), Err(SearchInputError::TooShort));
        salesforce_rest::sosl::parse(&text).expect("parses");
    }

    #[test]
    fn keys_prefer_the_identifying_detail() {
        let x = extraction();
        let cases = [
            (Entity::Company(0), Some("domain:acmerobotics.com")),
            (Entity::Person(0), Some("email:maria.chen@acmerobotics.com")),
            (Entity::Person(1), Some("person:tom becker")),
            (Entity::Person(9), None),
        ];
        for (entity, want) in cases {
            assert_eq!(entity_key(&x, entity).as_deref(), want, "{entity:?}");
        }
    }

    #[test]
    fn corrections_replace_or_remove_an_entitys_matches() {
        let x = extraction();
        let found = vec![
            m("Account", "001A", Why::SameDomain, Entity::Company(0)),
            m("Contact", "003WRONG", Why::NameOnly, Entity::Person(0)),
            m("Lead", "00QTOM", Why::NameOnly, Entity::Person(1)),
        ];
        let mut c = Corrections::default();
        assert_eq!(c.apply(&x, &found), found, "no corrections: unchanged");
        c.set(&x, Entity::Person(0), Correction::Record { object: "Contact".into(), id: "003RIGHT".into(), name: "Maria Chen".into() });
        c.set(&x, Entity::Person(1), Correction::NotInCrm);
        let ids: Vec<(String, Why)> = c.apply(&x, &found).into_iter().map(|m| (m.id, m.why)).collect();
        assert_eq!(ids, [("003RIGHT".to_owned(), Why::ChosenByYou), ("001A".to_owned(), Why::SameDomain)]);
        let json = serde_json::to_string(&c).expect("json");
        assert_eq!(serde_json::from_str::<Corrections>(&json).expect("back"), c);
    }
}
