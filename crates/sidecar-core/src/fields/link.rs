//! Where a displayed email, phone or url value may link to. CRM text is
//! untrusted: only `mailto:`, `tel:`, `http:` and `https:` links are made,
//! so a stored `javascript:` or `data:` url shows as plain text instead.

use super::{FieldSpec, FieldType, FieldValue};

/// The `href` for `value` of `spec`'s field, or `None` when it should show
/// as text (other types, empty values, anything that is not a safe link).
/// A url without a scheme (`acme.com`) gets `https://`, as a rep means it.
pub fn link_href(spec: &FieldSpec, value: &FieldValue) -> Option<String> {
    let FieldValue::Text(text) = value else { return None };
    let text = text.trim();
    if text.is_empty() || text.chars().any(|c| c.is_control()) {
        return None;
    }
    match spec.ty {
        FieldType::Email => {
            let (local, domain) = text.split_once('@')?;
            let plain = |s: &str| !s.is_empty() && !s.chars().any(|c| c.is_whitespace() || "<>,;:?&#/\\\"'@".contains(c));
            (plain(local) && plain(domain)).then(|| format!("mailto:{text}"))
        }
        FieldType::Phone => {
            // Dial the digits (and a leading +); extensions and letters are dropped.
            let main = text.split(|c: char| c.is_ascii_alphabetic()).next().unwrap_or_default();
            let digits: String = main.chars().filter(|c| c.is_ascii_digit()).collect();
            let plus = if main.trim_start().starts_with('+') { "+" } else { "" };
            (digits.len() >= 3).then(|| format!("tel:{plus}{digits}"))
        }
        FieldType::Url => {
            if text.chars().any(char::is_whitespace) || text.starts_with('/') || text.starts_with('\\') {
                return None;
            }
            match scheme(text) {
                Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => {
                    // `https:evil` or `https:/\evil` are not the web addresses they look like.
                    text[s.len() + 1..].starts_with("//").then(|| text.to_owned())
                }
                Some(_) => None,
                None => Some(format!("https://{text}")),
            }
        }
        _ => None,
    }
}

/// The url scheme `text` starts with, if any (`acme.com:8080/x` has none:
/// what follows the colon is a port).
fn scheme(text: &str) -> Option<&str> {
    let colon = text.find(':')?;
    let (head, rest) = (&text[..colon], &text[colon + 1..]);
    let looks_like_scheme =
        head.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && head.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    let is_port = rest.chars().next().is_some_and(|c| c.is_ascii_digit());
    (looks_like_scheme && !is_port).then_some(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_only_safe_schemes() {
        let cases: &[(FieldType, &str, Option<&str>)] = &[
            (FieldType::Url, "https://acme.com/a?b=1", Some("https://acme.com/a?b=1")),
            (FieldType::Url, "HTTP://acme.com", Some("HTTP://acme.com")),
            (FieldType::Url, "acme.com", Some("https://acme.com")),
            (FieldType::Url, "acme.com:8080/x", Some("https://acme.com:8080/x")),
            (FieldType::Url, "javascript:alert(1)", None),
            (FieldType::Url, "JavaScript:alert(1)", None),
            (FieldType::Url, "data:text/html,<b>x</b>", None),
            (FieldType::Url, "vbscript:x", None),
            (FieldType::Url, "//evil.com", None),
            (FieldType::Url, "https:evil.com", None),
            (FieldType::Url, "java\tscript:alert(1)", None),
            (FieldType::Url, "a b.com", None),
            (FieldType::Email, "ann@acme.com", Some("mailto:ann@acme.com")),
            (FieldType::Email, "ann@acme.com?cc=x@y.com", None),
            (FieldType::Email, "not an email", None),
            (FieldType::Phone, "+1 (415) 555-0100", Some("tel:+14155550100")),
            (FieldType::Phone, "(415) 555-0100 ext 12", Some("tel:4155550100")),
            (FieldType::Phone, "n/a", None),
            (FieldType::String, "https://acme.com", None),
        ];
        for (ty, text, want) in cases {
            let spec = FieldSpec::new("F", "F", *ty);
            assert_eq!(link_href(&spec, &FieldValue::Text((*text).into())).as_deref(), *want, "{ty:?} {text:?}");
        }
        assert_eq!(link_href(&FieldSpec::new("F", "F", FieldType::Url), &FieldValue::Null), None);
    }
}
