//! The user's formats and currency ([`EditContext`]): locale and time zone
//! from userinfo (asked once per page), and in a multi-currency org (its
//! describeGlobal lists `CurrencyType`) the user's currency and the org's
//! rates, in one composite request. A single-currency org costs nothing
//! more than userinfo and the cached describeGlobal.

use salesforce_rest::Record;
use sidecar_core::api_error::ApiError;
use sidecar_core::currency::{self, Rates};
use sidecar_core::fields::EditContext;

use super::Crm;

/// Records a rates query may answer: a handful of currencies, a few dated
/// ranges each.
const MAX_RATES: usize = 2_000;

/// The user's [`EditContext`]. When the rates cannot be read the amounts
/// still show, in the plain form of a single-currency org.
pub async fn edit_context(crm: &Crm) -> Result<EditContext, ApiError> {
    let me = crm.me().await?;
    let ctx = EditContext::new(&me.locale, &me.zoneinfo);
    let global = crm.describe_global().await?;
    let has = |name: &str| global.sobjects.iter().any(|o| o.name.eq_ignore_ascii_case(name));
    if !has("CurrencyType") {
        return Ok(ctx);
    }
    let answers = crm.query_batch(&currency::queries(&me.user_id, has("DatedConversionRate")), MAX_RATES).await?;
    let mut answers = answers.into_iter().map(|a| a.unwrap_or_default());
    let (user, types, dated): (Vec<Record>, Vec<Record>, Vec<Record>) =
        (answers.next().unwrap_or_default(), answers.next().unwrap_or_default(), answers.next().unwrap_or_default());
    let (user_currency, rates) = Rates::from_answers(&user, &types, &dated);
    if rates.currencies.is_empty() {
        return Ok(ctx);
    }
    let currency = user_currency.unwrap_or_else(|| rates.corporate.clone());
    Ok(ctx.with_rates(&currency, rates))
}
