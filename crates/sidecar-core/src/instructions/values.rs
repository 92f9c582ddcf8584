//! A field change ("close date next friday", "set the amount to 50k",
//! "clear next step", "closed won"): the field ([`super::naming`]) and its
//! value read by the field's type in the user's locale, then checked by the
//! field editors' own rules (`fields::parse`), so the box accepts exactly
//! what the record view's editor would.

use super::naming::{self, find_field, suggest};
use super::split::{self, Word, lowered};
use super::when::{self, Calendar};
use super::{Field, Setting, Step, Vocabulary};
use crate::fields::{self, EditContext, FieldSpec, FieldType, FieldValue};

/// Words that may start a change and say nothing more.
const VERBS: [&str; 17] =
    ["please", "set", "change", "update", "make", "move", "put", "mark", "push", "bump", "switch", "also", "then", "and", "lets", "let's", "now"];

/// Words that clear the field they come before.
const CLEAR: [&str; 6] = ["clear", "remove", "blank", "empty", "erase", "unset"];

/// Words between a field and its value.
const CONNECTORS: [&str; 10] = ["to", "is", "as", "=", ":", "->", "→", "becomes", "into", "at"];

/// A lookup's name is searched for in the org: at most this many words...
const MAX_NAME_WORDS: usize = 6;
/// ...and characters (Salesforce's Name fields hold 80 to 255).
const MAX_NAME_CHARS: usize = 80;

/// How many words at the start of `lower` say nothing but "change".
pub fn leading_verbs(lower: &[&str]) -> usize {
    let mut i = 0;
    while let Some(w) = lower.get(i) {
        if VERBS.contains(w) || (*w == "the" && lower.len() > i + 1) {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// Whether a clause not understood may continue the text before it (a
/// call's notes, a text field): anything but a refusal of its own
/// ("delete …"). The preview shows the text whole, so a rep sees it.
pub fn may_continue(clause: &str) -> bool {
    let words = split::words(clause);
    let lower = lowered(&words);
    let i = leading_verbs(&lower);
    lower.get(i) != Some(&"delete")
}

/// How many words (verbs included) name the field `clause` starts with,
/// when named exactly (not with a typo).
pub fn exact_field_words(clause: &str, vocabulary: &Vocabulary) -> Option<usize> {
    let words = split::words(clause);
    let lower = lowered(&words);
    let i = leading_verbs(&lower);
    find_field(&lower[i.min(lower.len())..], vocabulary).filter(|f| !f.typo).map(|f| f.words + i)
}

/// Whether `clause` starts with a field of `vocabulary` (for "and").
pub fn starts_change(clause: &str, vocabulary: &Vocabulary) -> bool {
    let words = split::words(clause);
    let lower = lowered(&words);
    let mut i = leading_verbs(&lower);
    if lower.get(i).is_some_and(|w| CLEAR.contains(w)) {
        i += 1;
    }
    find_field(&lower[i.min(lower.len())..], vocabulary).is_some()
}

/// The change `clause` asks for, or why it is not understood.
pub fn read_change(clause: &str, vocabulary: &Vocabulary, setting: &Setting) -> Result<Step, String> {
    let words = split::words(clause);
    let lower = lowered(&words);
    let mut i = leading_verbs(&lower);
    let clear = lower.get(i).is_some_and(|w| CLEAR.contains(w));
    if clear {
        i += 1;
        i += usize::from(lower.get(i) == Some(&"the"));
    }
    if lower.get(i) == Some(&"delete") {
        return Err("The box changes fields and adds tasks; it never deletes records.".into());
    }
    let Some(found) = find_field(&lower[i.min(lower.len())..], vocabulary) else {
        let j = i + usize::from(matches!(lower.get(i), Some(&"as") | Some(&"to")));
        if let Some(step) = bare_value(split::rest(clause, &words, j), vocabulary) {
            return Ok(step);
        }
        return Err(unknown(clause, &words, i, vocabulary));
    };
    let field = &vocabulary.fields[found.index];
    let label = field.spec.label.clone();
    if !field.updateable
        && let Some(step) = bare_value(split::rest(clause, &words, i), vocabulary)
    {
        return Ok(step);
    }
    if !field.updateable {
        return Err(format!("{label} can't be changed: it is read-only for you."));
    }
    let mut j = i + found.words;
    // "Next Step: as discussed": after a colon, every word is the value's.
    let named = &clause[words[j - 1].start..words[j - 1].end];
    let free = matches!(field.spec.ty, FieldType::String | FieldType::Textarea | FieldType::Email | FieldType::Phone | FieldType::Url);
    if !named.ends_with([':', '=']) {
        if !free
            && lower.get(j) == Some(&"from")
            && let Some(to) = lower.iter().rposition(|w| *w == "to").filter(|t| *t > j)
        {
            // "change stage from prospecting to qualification"
            j = to + 1;
        } else if lower.get(j).is_some_and(|w| CONNECTORS.contains(w)) {
            j += 1;
        }
    }
    let text = split::rest(clause, &words, j);
    if clear {
        if field.spec.required || field.spec.ty == FieldType::Boolean {
            return Err(format!("{label} can't be empty."));
        }
        return Ok(Step::Set { field: field.spec.name.clone(), label, value: FieldValue::Null });
    }
    if text.is_empty() {
        return Err(format!("What should {label} be? Say it after the field, like \"{} …\".", label.to_lowercase()));
    }
    value(field, text, setting).map(|value| match value {
        Typed::Value(value) => Step::Set { field: field.spec.name.clone(), label, value },
        Typed::Name(name) => {
            Step::Find { field: field.spec.name.clone(), label, name, objects: field.spec.reference_to.iter().map(|t| t.object.clone()).collect() }
        }
    })
}

/// What a value reads as: a value, or a record's name to look up.
enum Typed {
    Value(FieldValue),
    Name(String),
}

/// `text` as a value of `field`.
fn value(field: &Field, text: &str, setting: &Setting) -> Result<Typed, String> {
    let spec = &field.spec;
    let ctx = &setting.ctx;
    let unquoted = unquote(text);
    let words = split::words(unquoted);
    let lower = lowered(&words);
    let cal = Calendar { today: setting.today, fiscal_start_month: setting.fiscal_start_month, ctx };
    let value = match spec.ty {
        FieldType::Reference => {
            if !unquoted.chars().any(char::is_alphanumeric) {
                return Err(format!("\"{unquoted}\" isn't a name to look for. Say the {} by name.", spec.label));
            }
            // A name, not a sentence: only a name is searched for in the org.
            if words.len() > MAX_NAME_WORDS || unquoted.chars().count() > MAX_NAME_CHARS {
                return Err(format!("\"{unquoted}\" is long for a name. Say just the {}'s name.", spec.label));
            }
            let name = if matches!(lower.as_slice(), ["me"] | ["myself"] | ["i"]) { "me".to_owned() } else { unquoted.to_owned() };
            return Ok(Typed::Name(name));
        }
        FieldType::Date => match when::date_at(&lower, &cal) {
            Some((date, used)) if used == lower.len() => FieldValue::Date(date),
            _ => return Err(date_help(&spec.label, unquoted, ctx)),
        },
        FieldType::Datetime => {
            let Some((date, used)) = when::date_at(&lower, &cal) else { return Err(date_help(&spec.label, unquoted, ctx)) };
            let (hour, minute, more) = when::time_at(&lower[used..]).unwrap_or((9, 0, 0));
            if used + more != lower.len() {
                return Err(date_help(&spec.label, unquoted, ctx));
            }
            FieldValue::DateTime(when::local_instant(date, hour, minute, &ctx.time_zone))
        }
        FieldType::Currency | FieldType::Double | FieldType::Int | FieldType::Percent => number(spec, unquoted, ctx)?,
        FieldType::Picklist => FieldValue::Text(pick(spec, unquoted)?),
        FieldType::Multipicklist => FieldValue::Multi(vec![pick(spec, unquoted)?]),
        FieldType::Boolean => match lower.as_slice() {
            ["yes" | "true" | "on" | "checked" | "ticked" | "y"] => FieldValue::Bool(true),
            ["no" | "false" | "off" | "unchecked" | "unticked" | "n"] => FieldValue::Bool(false),
            _ => return Err(format!("{} is a checkbox: say yes or no.", spec.label)),
        },
        _ => fields::parse(spec, unquoted, ctx).map_err(|e| e.to_string())?,
    };
    Ok(Typed::Value(value))
}

fn unquote(text: &str) -> &str {
    let t = text.trim();
    for (open, close) in [('"', '"'), ('\'', '\''), ('“', '”'), ('‘', '’')] {
        if let Some(inner) = t.strip_prefix(open).and_then(|s| s.strip_suffix(close))
            && !inner.is_empty()
        {
            return inner.trim();
        }
    }
    t
}

fn date_help(label: &str, typed: &str, ctx: &EditContext) -> String {
    format!("{label}: I can't read \"{typed}\" as a date. Try \"next friday\", \"in 2 weeks\", \"end of quarter\" or {}.", fields::example_date(ctx.locale))
}

/// "50k", "1.5m", "$2,500", "60%": the field editors' reader
/// (`fields::parse`, which knows k, m and b in the user's locale), with the
/// words reps say for them: "50 thousand", "2 million", "60 percent".
fn number(spec: &FieldSpec, text: &str, ctx: &EditContext) -> Result<FieldValue, String> {
    const WORDS: [(&str, &str); 11] = [
        ("thousand", "k"),
        ("grand", "k"),
        ("k", "k"),
        ("million", "m"),
        ("mil", "m"),
        ("mn", "m"),
        ("mm", "m"),
        ("m", "m"),
        ("billion", "b"),
        ("bn", "b"),
        ("b", "b"),
    ];
    let mut typed = text.trim().to_owned();
    let lower = typed.to_ascii_lowercase();
    let percent = ["percent", "pct"].iter().find_map(|w| lower.strip_suffix(w).map(str::len));
    if let (FieldType::Percent, Some(len)) = (spec.ty, percent) {
        typed = format!("{}%", typed[..len].trim_end());
    } else if let Some((number, last)) = typed.rsplit_once(' ') {
        let last = last.to_ascii_lowercase();
        if let Some((_, letter)) = WORDS.iter().find(|(w, _)| *w == last).filter(|_| number.ends_with(|c: char| c.is_ascii_digit())) {
            typed = format!("{}{letter}", number.trim_end());
        }
    }
    fields::parse(spec, &typed, ctx).map_err(|e| e.to_string())
}

/// The picklist value `typed` means: a value or label in any case,
/// punctuation and plurals aside ("closed won"), one containing it as
/// words ("negotiation" is "Negotiation/Review"), or one typo away; never a
/// value the picklist does not list.
pub fn pick(spec: &FieldSpec, typed: &str) -> Result<String, String> {
    let want = naming::norm(typed);
    let flat: String = want.split_whitespace().collect();
    let options: Vec<_> = spec.picklist.iter().filter(|o| o.active).collect();
    let exact: Vec<_> = options
        .iter()
        .filter(|o| {
            let (l, v) = (naming::norm(&o.label), naming::norm(&o.value));
            l == want || v == want || l.split_whitespace().collect::<String>() == flat
        })
        .collect();
    if let [one] = exact.as_slice() {
        return Ok(one.value.clone());
    }
    let words: Vec<_> = options.iter().filter(|o| !want.is_empty() && format!(" {} ", naming::norm(&o.label)).contains(&format!(" {want} "))).collect();
    match words.as_slice() {
        [one] => return Ok(one.value.clone()),
        [_, ..] => {
            let labels: Vec<&str> = words.iter().map(|o| o.label.as_str()).collect();
            return Err(format!("\"{typed}\" could be {}. Which one?", or_list(&labels)));
        }
        [] => {}
    }
    // The start of a word of one value ("prospect", "biotech").
    if flat.chars().count() >= 4 && !want.contains(' ') {
        let starts: Vec<_> = options.iter().filter(|o| naming::norm(&o.label).split(' ').any(|w| w.starts_with(&want))).collect();
        if let [one] = starts.as_slice() {
            return Ok(one.value.clone());
        }
    }
    // One typo away from a value, or from one word of it ("negotation").
    let allowed = if flat.chars().count() >= 8 { 2 } else { usize::from(flat.chars().count() >= 4) };
    let close: Vec<_> = options
        .iter()
        .filter(|o| {
            let label = naming::norm(&o.label);
            naming::distance(&flat, &label.replace(' ', "")) <= allowed
                || label.split(' ').any(|w| w.chars().count() >= 4 && naming::distance(&want, w) <= allowed)
        })
        .collect();
    if let [one] = close.as_slice() {
        return Ok(one.value.clone());
    }
    let labels: Vec<&str> = options.iter().take(10).map(|o| o.label.as_str()).collect();
    let more = if options.len() > 10 { ", …" } else { "" };
    Err(format!("\"{typed}\" isn't a {} value. It can be: {}{more}.", spec.label, labels.join(", ")))
}

fn or_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// A clause that is only a value: a picklist value only one field has
/// ("closed won" is a Stage), or a checkbox's label ("do not call").
fn bare_value(text: &str, vocabulary: &Vocabulary) -> Option<Step> {
    let want = naming::norm(unquote(text));
    if want.is_empty() {
        return None;
    }
    let mut hits: Vec<Step> = Vec::new();
    for field in vocabulary.fields.iter().filter(|f| f.updateable) {
        let spec = &field.spec;
        let set = |value| Step::Set { field: spec.name.clone(), label: spec.label.clone(), value };
        match spec.ty {
            FieldType::Picklist => {
                if let Some(o) = spec.picklist.iter().find(|o| o.active && (naming::norm(&o.label) == want || naming::norm(&o.value) == want)) {
                    hits.push(set(FieldValue::Text(o.value.clone())));
                }
            }
            FieldType::Boolean if naming::norm(&spec.label) == want => hits.push(set(FieldValue::Bool(true))),
            _ => {}
        }
    }
    if hits.is_empty() {
        // A word of one value of one picklist ("negotiation").
        for field in vocabulary.fields.iter().filter(|f| f.updateable && f.spec.ty == FieldType::Picklist) {
            let spec = &field.spec;
            for o in spec.picklist.iter().filter(|o| o.active && format!(" {} ", naming::norm(&o.label)).contains(&format!(" {want} "))) {
                hits.push(Step::Set { field: spec.name.clone(), label: spec.label.clone(), value: FieldValue::Text(o.value.clone()) });
            }
        }
    }
    if hits.len() == 1 { hits.pop() } else { None }
}

/// Why `clause` is not understood, with the field the rep may have meant.
fn unknown(clause: &str, words: &[Word], i: usize, vocabulary: &Vocabulary) -> String {
    let Some(first) = words.get(i) else {
        return format!("\"{clause}\" says what to do but not to what. Name a field, like \"stage negotiation\".");
    };
    let typed = &clause[first.start..first.end];
    if typed.chars().next().is_some_and(|c| !c.is_alphabetic()) {
        return format!("I don't understand \"{clause}\". Start with a field, like \"close date next friday\".");
    }
    let two = words.get(i + 1).filter(|w| w.lower.chars().all(char::is_alphabetic)).map(|w| &clause[first.start..w.end]);
    let meant = suggest(typed, vocabulary).map(|f| (typed, f)).or_else(|| two.and_then(|t| naming::suggest_close(t, vocabulary).map(|f| (t, f))));
    match meant {
        Some((typed, field)) if field.spec.label.eq_ignore_ascii_case(&field.spec.name) => {
            format!("I don't know a field called \"{typed}\". Did you mean {}?", field.spec.name)
        }
        Some((typed, field)) => format!("I don't know a field called \"{typed}\". Did you mean {} ({})?", field.spec.label, field.spec.name),
        None => format!("I don't know a field called \"{typed}\" on {}.", vocabulary.object),
    }
}
