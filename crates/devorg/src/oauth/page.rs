//! The HTML of the authorize flow: the login + consent page and the error
//! page. Plain forms, no script at all; every value interpolated goes
//! through [`escape`], and the request being authorized travels in hidden
//! fields so the POST carries it back.

/// Escapes text for HTML element content and double- or single-quoted
/// attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;background:#f3f3f3;margin:0}\
main{max-width:24rem;margin:4rem auto;background:#fff;border-radius:.5rem;padding:2rem;box-shadow:0 1px 4px #0002}\
h1{font-size:1.25rem;margin-top:0}label{display:block;margin:.75rem 0 .25rem}\
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem}\
.error{color:#b00020;background:#fde7ea;padding:.5rem;border-radius:.25rem}\
.actions{display:flex;gap:.5rem;margin-top:1.25rem}button{flex:1;padding:.6rem;font-size:1rem;cursor:pointer}\
button[value=allow]{background:#0176d3;color:#fff;border:0;border-radius:.25rem}small{color:#555}";

fn document(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=en><head><meta charset=utf-8>\
         <meta name=viewport content=\"width=device-width,initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body><main>{body}</main></body></html>",
        escape(title)
    )
}

/// What the login page shows and carries.
#[derive(Debug)]
pub struct LoginPage<'a> {
    pub client_id: &'a str,
    pub scope: &'a str,
    /// The authorize request's parameters, posted back unchanged.
    pub hidden: &'a [(&'a str, &'a str)],
    /// Usernames that can log in, offered as suggestions.
    pub usernames: &'a [String],
    pub username: &'a str,
    pub error: Option<&'a str>,
}

/// The login + consent page.
pub fn login(page: &LoginPage<'_>) -> String {
    let mut body = format!(
        "<h1>Log in to devorg</h1><p><strong>{}</strong> wants to access your devorg data \
         (<small>{}</small>).</p>",
        escape(page.client_id),
        escape(page.scope)
    );
    if let Some(error) = page.error {
        body.push_str(&format!("<p class=error role=alert>{}</p>", escape(error)));
    }
    body.push_str("<form method=post action=\"/services/oauth2/authorize\">");
    for (name, value) in page.hidden {
        body.push_str(&format!("<input type=hidden name=\"{}\" value=\"{}\">", escape(name), escape(value)));
    }
    body.push_str(&format!(
        "<label for=username>Username</label>\
         <input type=text id=username name=username list=devorg-users autocomplete=username value=\"{}\">\
         <label for=password>Password</label>\
         <input type=password id=password name=password autocomplete=current-password>",
        escape(page.username)
    ));
    body.push_str("<datalist id=devorg-users>");
    for name in page.usernames {
        body.push_str(&format!("<option value=\"{}\">", escape(name)));
    }
    body.push_str(
        "</datalist><div class=actions>\
         <button type=submit name=action value=allow>Allow</button>\
         <button type=submit name=action value=deny>Deny</button></div></form>",
    );
    document("Log in | devorg", &body)
}

/// A request devorg cannot act on (and must not redirect anywhere).
pub fn error(message: &str) -> String {
    document("Error | devorg", &format!("<h1>Cannot authorize</h1><p class=error role=alert>{}</p>", escape(message)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_is_escaped() {
        let evil = "\"><script>alert('x')</script>";
        let html =
            login(&LoginPage { client_id: evil, scope: evil, hidden: &[("state", evil)], usernames: &[evil.to_owned()], username: evil, error: Some(evil) });
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("'x'"));
        assert!(html.contains("&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assert!(!error(evil).contains("<script"));
    }
}
