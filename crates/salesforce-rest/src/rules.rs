//! Value rules Salesforce applies when a record is saved, shared by the two
//! sides that must agree on them: devorg refuses what breaks them, and the
//! extension's editors say so before sending.

/// An email address as Salesforce accepts it: one `@`, a dotted domain
/// that neither starts nor ends with a dot, no spaces or list punctuation.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(|c| c.is_whitespace() || c == '<' || c == '>' || c == ',' || c == ';')
}

#[cfg(test)]
mod tests {
    #[test]
    fn emails() {
        let cases = [
            ("maria.chen@acmerobotics.com", true),
            ("a@b.co", true),
            ("no-at-sign.com", false),
            ("@acme.com", false),
            ("two@@acme.com", false),
            ("maria@localhost", false),
            ("maria@.acme.com", false),
            ("maria@acme.com.", false),
            ("maria chen@acme.com", false),
            ("Maria <maria@acme.com>", false),
            ("a@b.com, c@d.com", false),
        ];
        for (s, want) in cases {
            assert_eq!(super::is_email(s), want, "{s}");
        }
    }
}
