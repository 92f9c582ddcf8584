//! Trailing slashes under `/services/`: Salesforce answers
//! `…/sobjects/Lead/` like `…/sobjects/Lead`, and simple-salesforce relies on
//! it (its `sf.Lead.create` posts to `sobjects/Lead/`; `sf.search`,
//! `sf.query` and `sf.limits` call `search/`, `query/`, `limits/`).
//!
//! Rather than declare every route twice, a request no route matched whose
//! path is under `/services/` and ends in `/` is retried once without the
//! slash. Everything else, and a retry that still misses, gets the router's
//! own fallback, so nothing else changes.

use axum::Router;
use axum::http::Uri;

/// `router` with the retry as its fallback (see `super::retry`).
pub fn retry_without_slash(router: Router) -> Router {
    super::retry::retry_rewritten(router, without_trailing_slash)
}

/// `/services/…/x/?q` -> `/services/…/x?q`; `None` when it does not apply.
fn without_trailing_slash(uri: &Uri) -> Option<Uri> {
    let path = uri.path();
    let trimmed = path.strip_suffix('/').filter(|p| p.starts_with("/services/") && !p.ends_with('/'))?;
    super::retry::with_path(uri, trimmed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_services_paths_lose_one_slash() {
        let cases = [
            ("/services/data/v59.0/sobjects/Lead/", Some("/services/data/v59.0/sobjects/Lead")),
            ("/services/data/v59.0/query/?q=SELECT+Id+FROM+Lead", Some("/services/data/v59.0/query?q=SELECT+Id+FROM+Lead")),
            ("/services/data/v59.0/limits", None),
            ("/services/data/v59.0//", None),
            ("/demo/", None),
            ("/", None),
        ];
        for (from, want) in cases {
            let got = without_trailing_slash(&from.parse().expect("uri"));
            assert_eq!(got.as_ref().map(ToString::to_string).as_deref(), want, "{from}");
        }
    }
}
