//! Tab in the box: the word being typed completed to a field's label (or a
//! command: "log" → "log a call: "), or, after a picklist field, to one of
//! its values. The completion is the first in describe order among those
//! starting with what is typed; nothing when nothing does.

use super::Vocabulary;
use super::naming::{find_field, norm};
use super::split::{self, lowered};
use super::values::leading_verbs;
use crate::fields::FieldType;

const COMMANDS: [&str; 5] = ["log a call: ", "follow up ", "remind me ", "task: ", "add contact "];

/// `text` with its last word completed, or `None`.
pub fn complete(text: &str, vocabulary: &Vocabulary) -> Option<String> {
    if text.ends_with(char::is_whitespace) || text.is_empty() {
        return None;
    }
    let start = text.rfind([',', ';']).map_or(0, |i| i + 1);
    let clause = &text[start..];
    let lead = clause.len() - clause.trim_start().len();
    let clause = clause.trim_start();
    let words = split::words(clause);
    let lower = lowered(&words);
    let from = leading_verbs(&lower).min(lower.len().saturating_sub(1));
    let head = &text[..start + lead];
    // After a picklist field: its values.
    if let Some(found) = find_field(&lower[from..], vocabulary).filter(|f| from + f.words < lower.len()) {
        let field = &vocabulary.fields[found.index];
        if matches!(field.spec.ty, FieldType::Picklist | FieldType::Multipicklist) {
            let value_at = words[from + found.words].start;
            // A suffix of the clause as typed (lowercasing may change lengths).
            let mut typed = &clause[value_at..];
            for connector in ["to ", "is ", "= "] {
                if typed.get(..connector.len()).is_some_and(|head| head.eq_ignore_ascii_case(connector)) {
                    typed = &typed[connector.len()..];
                }
            }
            let want = typed.to_lowercase();
            let option = field.spec.picklist.iter().filter(|o| o.active).find(|o| o.label.to_lowercase().starts_with(&want) && o.label.len() > typed.len())?;
            let cut = clause.len() - typed.len();
            return Some(format!("{head}{}{}", &clause[..cut], option.label));
        }
        return None;
    }
    // The field's name (or a command) being typed.
    let typed_at = words.get(from).map_or(0, |w| w.start);
    let typed = norm(&clause[typed_at..]);
    if typed.is_empty() {
        return None;
    }
    let labels = vocabulary.fields.iter().filter(|f| f.updateable).map(|f| format!("{} ", f.spec.label.to_lowercase()));
    let command = COMMANDS.iter().map(|c| (*c).to_owned()).filter(|c| c != "add contact " || vocabulary.contacts);
    let best = command.chain(labels).find(|name| norm(name).starts_with(&typed) && norm(name) != typed)?;
    Some(format!("{head}{}{best}", &clause[..typed_at]))
}
