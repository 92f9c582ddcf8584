//! A doubled slash after the host: Salesforce answers
//! `https://host//services/data/...` like `https://host/services/data/...`.
//!
//! Clients join an instance URL that ends in `/` with a path that starts
//! with one. The Salesforce CLI does so when it asks whether an org is a Dev
//! Hub (`${new SfdcUrl(instanceUrl)}/services/data/v51.0/query?...`, and a
//! WHATWG URL's text always ends in `/`), and that has worked against real
//! orgs for years: forcedotcom/sfdx-core pull request 1310 ("remove double
//! slash in determineIfDevHub request URL", 2026) changed it for tidiness,
//! not because Salesforce refused it. jsforce-ajax-proxy's default token
//! URL `https://login.salesforce.com//services/oauth2/token` is the same
//! case.
//!
//! Only the slashes right after the host are collapsed (the case seen in the
//! wild); a doubled slash further along the path is left to the router,
//! which does not match it. A request no route matched whose path starts
//! with `//` is retried once with one slash; everything else goes on to the
//! router's own fallback (with `trailing_slash`'s retry) unchanged.

use axum::Router;
use axum::http::Uri;

/// `router` with the retry as its fallback (see `super::retry`).
pub fn retry_with_one_slash(router: Router) -> Router {
    super::retry::retry_rewritten(router, with_one_leading_slash)
}

/// `//services/x?q` -> `/services/x?q`; `None` when the path starts with one slash.
fn with_one_leading_slash(uri: &Uri) -> Option<Uri> {
    let path = uri.path();
    if !path.starts_with("//") {
        return None;
    }
    super::retry::with_path(uri, &format!("/{}", path.trim_start_matches('/')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_leading_slashes_collapse() {
        let cases = [
            ("//services/data/v51.0/query?q=SELECT+Id+FROM+Organization", Some("/services/data/v51.0/query?q=SELECT+Id+FROM+Organization")),
            ("///services/data", Some("/services/data")),
            ("//", Some("/")),
            ("/services/data/v62.0//sobjects", None),
            ("/services/data", None),
            ("/", None),
        ];
        for (from, want) in cases {
            // As the server sees a request line: a path, never an authority.
            let uri = Uri::builder().path_and_query(from).build().expect("uri");
            let got = with_one_leading_slash(&uri);
            assert_eq!(got.as_ref().map(ToString::to_string).as_deref(), want, "{from}");
        }
    }
}
