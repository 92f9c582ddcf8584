//! The user's formats and currency ([`EditContext`]), from what the org
//! says: locale and time zone from userinfo (asked once per page); in a
//! single-currency org its currency from its `Organization` row; in a
//! multi-currency org (its describeGlobal lists `CurrencyType`) the user's
//! currency and the org's rates, in one composite request. What the
//! answers mean is `sidecar_core::currency::edit_context`'s.

use salesforce_rest::Record;
use sidecar_core::api_error::ApiError;
use sidecar_core::currency::{self, Org};
use sidecar_core::fields::EditContext;

use super::Crm;

/// Rates a multi-currency org may answer: a few hundred currencies, and
/// dated ranges (Salesforce keeps every range an admin ever set).
const MAX_RATES: usize = 20_000;

/// The user's [`EditContext`]; an error only when userinfo fails. When the
/// currencies cannot be read, the locale and zone still hold and amounts
/// show without a currency rather than with a guessed one.
pub async fn edit_context(crm: &Crm) -> Result<EditContext, ApiError> {
    let me = crm.me().await?;
    let org = org(crm, &me.user_id).await.unwrap_or(Org::SingleCurrency(None));
    Ok(currency::edit_context(&me.locale, &me.zoneinfo, org))
}

async fn org(crm: &Crm, user_id: &str) -> Result<Org, ApiError> {
    let global = crm.describe_global().await?;
    let has = |name: &str| global.sobjects.iter().any(|o| o.name.eq_ignore_ascii_case(name));
    if !has("CurrencyType") {
        return Ok(Org::SingleCurrency(crm.org_currency().await));
    }
    let answers = crm.query_batch(&currency::queries(user_id, has("DatedConversionRate")), MAX_RATES).await?;
    let mut answers = answers.into_iter().map(|a| a.unwrap_or_default());
    let mut next = || -> Vec<Record> { answers.next().unwrap_or_default() };
    Ok(Org::MultiCurrency { user: next(), currencies: next(), dated: next() })
}
