//! `Crm`: the typed REST client (API v62.0) the screens call. Every request
//! carries `Authorization: Bearer`, sends and accepts JSON, and on a 401
//! (`INVALID_SESSION_ID`; userinfo's 403 `Bad_OAuth_Token`) refreshes the session once (shared with every
//! other request that failed meanwhile) and retries once. Failures become
//! `sidecar_core::api_error::ApiError`; no answer at all is `Offline`.
//!
//! Describes and compact layouts are cached for the page's life, and kept
//! for the browser session (an hour at most) in `chrome.storage.session`
//! (`sidecar_core::describe_cache`), so a page opened again does not ask
//! the org for them again.
//! Queries and searches are built as trees (`soql::Query`,
//! `sosl::Search`): user text never becomes SOQL by formatting.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use futures::FutureExt;
use futures::future::{LocalBoxFuture, Shared};

use salesforce_rest::conditional;
use salesforce_rest::soql::Query;
use salesforce_rest::sosl::{Search, SearchResponse};
use salesforce_rest::wire::{CollectionRequest, CompositeRequest, CompositeResponse};
use salesforce_rest::{CompactLayouts, DescribeGlobal, QueryResponse, Record, SObjectDescribe, SaveResult, SfId, UserInfo};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use sidecar_core::api_error::ApiError;
use sidecar_core::describe_cache::Kept;
use sidecar_core::settings::keys;

use sidecar_core::fields::FieldSpec;
use sidecar_core::records::lookup::{self, Match};
use sidecar_core::records::search::{self, GlobalPlan, Hit};
use sidecar_core::records::spec::NameFields;
use sidecar_core::settings::org_switch;

use super::session::Auth;
use crate::platform::fetch::{self, Request, Response};
use crate::platform::storage::{self, Area};

/// The REST API version Sidecar speaks.
pub const API_VERSION: &str = "62.0";

/// Queries one composite request may carry (REST API Developer Guide,
/// "Composite": "Up to 5 of these subrequests can be sObject Collections or
/// query operations"). devorg does not refuse a sixth: the error a real
/// org answers is not documented that we know of.
pub const MAX_COMPOSITE_QUERIES: usize = 5;

#[derive(Default)]
struct Cache {
    global: Option<Rc<DescribeGlobal>>,
    describes: HashMap<String, Rc<SObjectDescribe>>,
    compact: HashMap<String, Rc<CompactLayouts>>,
    /// The user, asked once however many screens want it at once.
    me: Option<Me>,
}

/// One `userinfo` request shared by every caller while it runs, then its answer.
type Me = Shared<LocalBoxFuture<'static, Result<Rc<UserInfo>, ApiError>>>;

/// The CRM client of one page; clones share the session and caches.
#[derive(Clone, Default)]
pub struct Crm {
    auth: Auth,
    cache: Rc<RefCell<Cache>>,
}

impl std::fmt::Debug for Crm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Crm").field("auth", &self.auth).finish_non_exhaustive()
    }
}

impl PartialEq for Crm {
    fn eq(&self, other: &Self) -> bool {
        self.auth == other.auth && Rc::ptr_eq(&self.cache, &other.cache)
    }
}

/// An API name as it may appear in a URL path: letters, digits, `_`.
fn name(api_name: &str) -> String {
    api_name.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect()
}

fn encode(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}

/// The token was refused: 401 (`INVALID_SESSION_ID`) from the REST API, or
/// the OAuth endpoints' 403 `Bad_OAuth_Token` (plain text, as Salesforce's
/// userinfo answers an expired token).
fn token_refused(path: &str, response: &Response) -> bool {
    response.status == 401 || (path.starts_with("/services/oauth2/") && response.status == 403 && response.text.trim() == "Bad_OAuth_Token")
}

/// describeGlobal (`GET /sobjects`) read for its object names only. The org
/// switch's fallback needs no more, and reading the whole answer as
/// [`DescribeGlobal`] would put its reader (every flag of every object) into
/// the service worker's wasm, which polls the switch (about 12 KB of code).
#[derive(serde::Deserialize)]
struct ObjectNames {
    #[serde(default)]
    sobjects: Option<Vec<ObjectName>>,
}

#[derive(serde::Deserialize)]
struct ObjectName {
    name: String,
}

impl ObjectNames {
    /// Whether the org has `object`, in any case (as [`DescribeGlobal::object`]).
    fn has(&self, object: &str) -> bool {
        self.sobjects.iter().flatten().any(|o| o.name.eq_ignore_ascii_case(object))
    }
}

/// `POST /composite`'s answer: one per subrequest, by `referenceId`.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct CompositeAnswer {
    #[serde(default)]
    composite_response: Vec<SubAnswer>,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct SubAnswer {
    #[serde(default)]
    body: Value,
    http_status_code: u16,
    reference_id: String,
}

fn parse<T: DeserializeOwned>(response: &Response) -> Result<T, ApiError> {
    serde_json::from_str(&response.text).map_err(|e| ApiError::Unexpected(format!("an answer that cannot be read: {e}")))
}

fn to_json<T: Serialize>(body: &T) -> Result<String, ApiError> {
    serde_json::to_string(body).map_err(|e| ApiError::Unexpected(format!("a request that cannot be written: {e}")))
}

impl Crm {
    pub fn new() -> Self {
        Self::default()
    }

    /// The session this client uses (login, logout, current user).
    pub fn auth(&self) -> &Auth {
        &self.auth
    }

    /// Where a record opens in Salesforce itself ("Open in Salesforce"):
    /// `sidecar_core::records::view::record_url` for this session's org;
    /// `None` on devorg or without a session.
    pub async fn record_url(&self, object: &str, id: &str) -> Option<String> {
        let session = self.auth.session().await.ok()?;
        sidecar_core::records::view::record_url(&session.login_host, &session.instance_url, object, id)
    }

    /// Forgets cached describes and layouts (after logout or an org switch).
    pub fn clear_cache(&self) {
        *self.cache.borrow_mut() = Cache::default();
    }

    /// Sends one request with the current token; on 401 refreshes once and
    /// retries once. Answers of any status come back; only "no answer" or
    /// "no session" are errors.
    async fn exchange(&self, method: &'static str, path: &str, body: Option<&str>) -> Result<Response, ApiError> {
        self.exchange_with(method, path, body, &[]).await
    }

    /// [`Crm::exchange`] with `extra` headers (a condition).
    async fn exchange_with(&self, method: &'static str, path: &str, body: Option<&str>, extra: &[(&'static str, String)]) -> Result<Response, ApiError> {
        let mut session = self.auth.session().await?;
        for attempt in 0..2 {
            let url = if path.starts_with("/services/") {
                format!("{}{path}", session.instance_url)
            } else {
                format!("{}/services/data/v{API_VERSION}{path}", session.instance_url)
            };
            let mut request = Request::new(method, url).header("Authorization", session.bearer()).header("Accept", "application/json");
            if let Some(body) = body {
                request = request.header("Content-Type", "application/json").body(body);
            }
            for (name, value) in extra {
                request = request.header(name, value.clone());
            }
            let response = fetch::send(&request).await.map_err(|_| ApiError::Offline)?;
            if token_refused(path, &response) {
                if attempt == 0 {
                    session = self.auth.refresh(&session.access_token).await?;
                    continue;
                }
                return Err(ApiError::SessionExpired);
            }
            return Ok(response);
        }
        Err(ApiError::SessionExpired)
    }

    /// [`Crm::exchange`], with a failed status turned into its [`ApiError`].
    async fn call(&self, method: &'static str, path: &str, body: Option<&str>) -> Result<Response, ApiError> {
        self.call_with(method, path, body, &[]).await
    }

    /// [`Crm::call`] with `extra` headers.
    async fn call_with(&self, method: &'static str, path: &str, body: Option<&str>, extra: &[(&'static str, String)]) -> Result<Response, ApiError> {
        let response = self.exchange_with(method, path, body, extra).await?;
        if response.is_success() {
            Ok(response)
        } else {
            Err(ApiError::from_response(response.status, &response.text).with_retry_after(response.header("Retry-After")))
        }
    }

    async fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        parse(&self.call("GET", path, None).await?)
    }

    /// `GET /query?q=`: the first batch of records.
    pub async fn query<T: DeserializeOwned>(&self, query: &Query) -> Result<QueryResponse<T>, ApiError> {
        self.get_json(&format!("/query?q={}", encode(&query.to_string()))).await
    }

    /// The batch after `previous` (its `nextRecordsUrl`), `None` when done.
    pub async fn query_more<T: DeserializeOwned>(&self, previous: &QueryResponse<T>) -> Result<Option<QueryResponse<T>>, ApiError> {
        match (previous.done, previous.next_locator()) {
            (false, Some(locator)) => self.get_json(&format!("/query/{}", encode(locator))).await.map(Some),
            _ => Ok(None),
        }
    }

    /// Every record of `query`, following `nextRecordsUrl`, up to `cap` records.
    pub async fn query_all_pages<T: DeserializeOwned>(&self, query: &Query, cap: usize) -> Result<Vec<T>, ApiError> {
        let first = self.query::<T>(query).await?;
        self.rest_of(first, cap).await
    }

    /// Several queries in `POST /composite` requests, five per request
    /// (REST API Developer Guide, "Composite": of its 25 subrequests, at
    /// most 5 may be queries or sObject Collections), each answer on its
    /// own: a query the org refuses fails alone. An answer with more records
    /// than one batch is followed (`nextRecordsUrl`) up to `cap` records. A
    /// composite request counts as one API call toward the org's limits.
    pub async fn query_batch(&self, queries: &[(String, Query)], cap: usize) -> Result<Vec<Result<Vec<Record>, ApiError>>, ApiError> {
        let mut answers = Vec::with_capacity(queries.len());
        for chunk in queries.chunks(MAX_COMPOSITE_QUERIES) {
            let requests: Vec<Value> = chunk
                .iter()
                .map(|(reference, query)| {
                    let url = format!("/services/data/v{API_VERSION}/query?q={}", encode(&query.to_string()));
                    serde_json::json!({"method": "GET", "url": url, "referenceId": reference})
                })
                .collect();
            let body = to_json(&serde_json::json!({"allOrNone": false, "compositeRequest": requests}))?;
            let answer: CompositeAnswer = parse(&self.call("POST", "/composite", Some(&body)).await?)?;
            for (reference, _) in chunk {
                let sub = answer.composite_response.iter().find(|r| &r.reference_id == reference);
                answers.push(match sub {
                    None => Err(ApiError::Unexpected(format!("no answer to the query {reference}"))),
                    Some(sub) if !(200..300).contains(&sub.http_status_code) => Err(ApiError::from_response(sub.http_status_code, &sub.body.to_string())),
                    Some(sub) => match serde_json::from_value::<QueryResponse<Record>>(sub.body.clone()) {
                        Ok(first) => self.rest_of(first, cap).await,
                        Err(e) => Err(ApiError::Unexpected(format!("an answer that cannot be read: {e}"))),
                    },
                });
            }
        }
        Ok(answers)
    }

    /// `first`'s records and those of the batches after it, up to `cap`.
    async fn rest_of<T: DeserializeOwned>(&self, first: QueryResponse<T>, cap: usize) -> Result<Vec<T>, ApiError> {
        let mut page = first;
        let mut records = Vec::new();
        loop {
            let next = if records.len() + page.records.len() < cap { self.query_more(&page).await? } else { None };
            records.append(&mut page.records);
            match next {
                Some(next) => page = next,
                None => break,
            }
        }
        records.truncate(cap);
        Ok(records)
    }

    /// `GET /sobjects` read as `T`, uncached: for a reader that needs less
    /// than [`DescribeGlobal`] (My Feed's catalog reads names only, and the
    /// service worker should not carry a reader of every flag).
    pub async fn describe_global_as<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        self.get_json("/sobjects").await
    }

    /// `GET /sobjects/{object}/describe` read as `T`, uncached (as
    /// [`Crm::describe_global_as`]).
    pub async fn describe_as<T: DeserializeOwned>(&self, object: &str) -> Result<T, ApiError> {
        self.get_json(&format!("/sobjects/{}/describe", name(object))).await
    }

    /// `GET path` for a describe answer: kept for the browser session
    /// (`sidecar_core::describe_cache`), asked of the org when none is kept
    /// or it is an hour old. A kept answer that no longer reads is asked
    /// again; one that cannot be kept (no user yet, storage full) is not.
    async fn get_described<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        let key = self.auth.stored_user_id().await.map(|user| keys::describe_cache(&user, path));
        let now = js_sys::Date::now() as i64;
        if let Some(key) = &key
            && let Ok(Some(kept)) = storage::get_in::<Kept>(Area::Session, key).await
            && kept.is_fresh(now)
            && let Ok(answer) = serde_json::from_str::<T>(&kept.body)
        {
            return Ok(answer);
        }
        let response = self.call("GET", path, None).await?;
        let answer = parse(&response)?;
        if let Some(key) = &key {
            storage::set_in(Area::Session, key, &Kept { read_at: now, body: response.text }).await.ok();
        }
        Ok(answer)
    }

    /// A single-currency org's currency (`sidecar_core::currency::org_currency`)
    /// from its `Organization` row, asking only the fields its describe has.
    /// Kept for the browser session, as describes are: it changes as rarely.
    /// `None` when the org does not say, or cannot be asked.
    pub async fn org_currency(&self) -> Option<String> {
        let describe = self.describe("Organization").await.ok()?;
        let described: Vec<&str> = describe.fields.iter().map(|f| f.name.as_str()).collect();
        let query = sidecar_core::currency::org_currency_query(&described)?;
        let path = format!("/query?q={}", encode(&query.to_string()));
        let answer: QueryResponse<Record> = self.get_described(&path).await.ok()?;
        sidecar_core::currency::org_currency(answer.records.first())
    }

    /// `GET /sobjects` (cached for the page, and for the browser session).
    pub async fn describe_global(&self) -> Result<Rc<DescribeGlobal>, ApiError> {
        if let Some(global) = self.cache.borrow().global.clone() {
            return Ok(global);
        }
        let global: Rc<DescribeGlobal> = Rc::new(self.get_described("/sobjects").await?);
        self.cache.borrow_mut().global = Some(global.clone());
        Ok(global)
    }

    /// `GET /sobjects/{object}/describe` (cached for the page, and for the browser session).
    pub async fn describe(&self, object: &str) -> Result<Rc<SObjectDescribe>, ApiError> {
        let object = name(object);
        if let Some(describe) = self.cache.borrow().describes.get(&object).cloned() {
            return Ok(describe);
        }
        let describe: Rc<SObjectDescribe> = Rc::new(self.get_described(&format!("/sobjects/{object}/describe")).await?);
        self.cache.borrow_mut().describes.insert(object, describe.clone());
        Ok(describe)
    }

    /// `GET /sobjects/{object}/describe/compactLayouts` (cached for the page, and for the browser session).
    pub async fn compact_layout(&self, object: &str) -> Result<Rc<CompactLayouts>, ApiError> {
        let object = name(object);
        if let Some(layouts) = self.cache.borrow().compact.get(&object).cloned() {
            return Ok(layouts);
        }
        let layouts: Rc<CompactLayouts> = Rc::new(self.get_described(&format!("/sobjects/{object}/describe/compactLayouts")).await?);
        self.cache.borrow_mut().compact.insert(object, layouts.clone());
        Ok(layouts)
    }

    /// `GET /sobjects/{object}/{id}?fields=`; all fields when `fields` is empty.
    pub async fn get(&self, object: &str, id: &SfId, fields: &[&str]) -> Result<Record, ApiError> {
        let mut path = format!("/sobjects/{}/{}", name(object), id.as_str());
        if !fields.is_empty() {
            let list: Vec<String> = fields.iter().map(|f| name(f)).collect();
            path.push_str(&format!("?fields={}", encode(&list.join(","))));
        }
        self.get_json(&path).await
    }

    /// Deletes a record (Undo of a record the rep just added).
    pub async fn delete(&self, object: &str, id: &SfId) -> Result<(), ApiError> {
        self.call("DELETE", &format!("/sobjects/{}/{id}", name(object)), None).await.map(drop)
    }

    /// `POST /sobjects/{object}`: the new record's id, or why it was refused
    /// (`ApiError::Validation` with messages per field).
    pub async fn create(&self, object: &str, record: &Record) -> Result<SfId, ApiError> {
        let body = to_json(&record.fields)?;
        let result: SaveResult = parse(&self.call("POST", &format!("/sobjects/{}", name(object)), Some(&body)).await?)?;
        if !result.success {
            return Err(ApiError::from_save_errors(&result.errors));
        }
        result.id.as_deref().and_then(|id| SfId::parse(id).ok()).ok_or_else(|| ApiError::Unexpected("the created record has no id".into()))
    }

    /// `PATCH /sobjects/{object}/{id}` with the changed fields.
    pub async fn update(&self, object: &str, id: &SfId, fields: &Map<String, Value>) -> Result<(), ApiError> {
        self.update_unless_modified(object, id, fields, None).await
    }

    /// [`Crm::update`], only if the record was not modified after `stamp`
    /// (its `LastModifiedDate` when read): `If-Unmodified-Since`, else
    /// `ApiError::Modified` and nothing is saved.
    pub async fn update_unless_modified(&self, object: &str, id: &SfId, fields: &Map<String, Value>, stamp: Option<&str>) -> Result<(), ApiError> {
        let body = to_json(fields)?;
        let condition: Vec<(&'static str, String)> =
            stamp.and_then(conditional::if_unmodified_since).map(|v| (conditional::IF_UNMODIFIED_SINCE, v)).into_iter().collect();
        self.call_with("PATCH", &format!("/sobjects/{}/{}", name(object), id.as_str()), Some(&body), &condition).await.map(drop)
    }

    /// `POST /composite`: subrequests run in order in one call (one API
    /// call toward the org's limits); with `allOrNone` all or nothing is
    /// saved. Each subrequest's answer is in the response, by reference.
    pub async fn composite(&self, request: &CompositeRequest) -> Result<CompositeResponse, ApiError> {
        let body = to_json(request)?;
        parse(&self.call("POST", "/composite", Some(&body)).await?)
    }

    /// Where this API version's resources are, for composite subrequests'
    /// URLs: `/services/data/vNN.0`.
    pub fn data_path() -> String {
        format!("/services/data/v{API_VERSION}")
    }

    /// `Organization.FiscalYearStartMonth` (1 = January), asked only when
    /// the Organization describe has it, kept for the browser session as
    /// describes are; January (Salesforce's default) when the org cannot
    /// say. Custom fiscal years are not read.
    pub async fn fiscal_start_month(&self) -> u8 {
        let month = async {
            let describe = self.describe("Organization").await.ok()?;
            describe.field("FiscalYearStartMonth")?;
            let query = Query::select(&["FiscalYearStartMonth"], "Organization");
            let path = format!("/query?q={}", encode(&query.to_string()));
            let answer: QueryResponse<Record> = self.get_described(&path).await.ok()?;
            let month = answer.records.first()?.get("FiscalYearStartMonth")?.as_u64()?;
            u8::try_from(month).ok().filter(|m| (1..=12).contains(m))
        };
        month.await.unwrap_or(1)
    }

    /// `PATCH /composite/sobjects`: up to 200 records (each with
    /// `attributes.type` and `Id`); one result per record, in order.
    pub async fn update_collection(&self, records: Vec<Record>, all_or_none: bool) -> Result<Vec<SaveResult>, ApiError> {
        let body = to_json(&CollectionRequest { all_or_none, records })?;
        parse(&self.call("PATCH", "/composite/sobjects", Some(&body)).await?)
    }

    /// `GET /search?q=` (SOSL).
    pub async fn search(&self, search: &Search) -> Result<SearchResponse, ApiError> {
        self.get_json(&format!("/search?q={}", encode(&search.to_string()))).await
    }

    /// [`Crm::search`]'s records (one the client can't read is left out).
    pub async fn search_records(&self, search: &Search) -> Result<Vec<Record>, ApiError> {
        Ok(self.search(search).await?.search_records.into_iter().filter_map(|r| serde_json::from_value(r).ok()).collect())
    }

    /// What the panel's global search (and "Wrong match?") asks of the
    /// `wanted` objects: the objects the user's describeGlobal lists as
    /// searchable, then their describes (all cached). One whose describe
    /// says the user cannot read it is left out; any other failure
    /// (offline, an expired session) is the search's, said as such.
    pub async fn global_search_plan(&self, wanted: &[&str]) -> Result<GlobalPlan, ApiError> {
        let global = self.describe_global().await?;
        let objects = GlobalPlan::objects_to_describe(&global, wanted);
        let answers = futures::future::join_all(objects.iter().map(|object| self.describe(object))).await;
        let mut readable = Vec::new();
        for answer in answers {
            match answer {
                Ok(describe) => readable.push(describe),
                Err(e) if e.means_unreadable() => {}
                Err(e) => return Err(e),
            }
        }
        Ok(GlobalPlan::from_describes(&readable.iter().map(|d| &**d).collect::<Vec<_>>()).only(wanted))
    }

    /// The panel's global search for `text` over the `wanted` objects of
    /// [`search::SEARCHED`] ("Wrong match?" narrows them): the plan from
    /// the describes, then one SOSL request; its hits, or why there are
    /// none in the rep's words. Text too short to search asks nothing.
    pub async fn search_hits(&self, text: &str, wanted: &[&str]) -> Result<Vec<Hit>, String> {
        search::term(text).map_err(|e| e.to_string())?;
        let plan = self.global_search_plan(wanted).await.map_err(|e| e.user_message())?;
        let sosl = search::global_search(text, &plan).map_err(|e| e.to_string())?;
        let records = self.search_records(&sosl).await.map_err(|e| e.user_message())?;
        Ok(search::hits(&records, &plan))
    }

    /// Lookup by name: the records of `spec`'s targets whose name starts
    /// with the words of `text` (`sidecar_core::records::lookup`). Each
    /// target's name field comes from its describe (cached; a target that
    /// cannot be described is not searched), then one SOSL request.
    pub async fn lookup(&self, spec: &FieldSpec, text: &str) -> Result<Vec<Match>, ApiError> {
        let global = self.describe_global().await.ok();
        let targets = lookup::targets(spec, global.as_deref());
        let mut names = NameFields::default();
        let undescribed: Vec<String> = lookup::undescribed(&targets, &names).into_iter().map(str::to_owned).collect();
        let describes = futures::future::join_all(undescribed.iter().map(|t| self.describe(t))).await;
        for (target, describe) in undescribed.iter().zip(describes) {
            match describe {
                Ok(describe) => names.learn(&describe),
                Err(_) => names.unreadable(target),
            }
        }
        // Too short to search, or nothing searchable: no matches.
        let Ok(Some(search)) = lookup::search(text, &targets, &names) else { return Ok(Vec::new()) };
        Ok(lookup::matches(&self.search_records(&search).await?, &names))
    }

    /// `GET /services/oauth2/userinfo`: the logged-in user.
    pub async fn user_info(&self) -> Result<UserInfo, ApiError> {
        self.get_json("/services/oauth2/userinfo").await
    }

    /// The logged-in user for the page's screens (name, id, time zone):
    /// one [`Crm::user_info`] request shared by the panel's screens, which
    /// all ask on opening, kept until [`Crm::clear_cache`]. A failure is
    /// not kept, so the next caller asks again.
    pub async fn me(&self) -> Result<Rc<UserInfo>, ApiError> {
        let running = self.cache.borrow().me.clone();
        let me = match running {
            Some(me) => me,
            None => {
                let crm = self.clone();
                let me = async move { crm.user_info().await.map(Rc::new) }.boxed_local().shared();
                self.cache.borrow_mut().me = Some(me.clone());
                me
            }
        };
        let answer = me.await;
        if answer.is_err() {
            self.cache.borrow_mut().me = None;
        }
        answer
    }

    /// The org's switch for the logged-in user
    /// (`Sidecar_Settings__c.Use_Across_The_Web__c`, resolved user, profile,
    /// org: `sidecar_core::settings::org_switch`). One query for the
    /// setting's rows, after the user's ProfileId (asked once per browser
    /// session: [`Crm::profile_id`]). An `INVALID_TYPE` answer (the setting is
    /// not deployed, or the user may not read it) is decided by
    /// `org_switch::when_unreadable` from describeGlobal (cached).
    pub async fn org_switch(&self) -> Result<org_switch::Status, ApiError> {
        let session = self.auth().session().await?;
        let profile_id = self.profile_id(&session.user_id).await?;
        let viewer = org_switch::Viewer { user_id: &session.user_id, profile_id: profile_id.as_deref(), org_id: &session.org_id };
        let query = org_switch::query(&viewer);
        let response = self.exchange("GET", &format!("/query?q={}", encode(&query.to_string())), None).await?;
        if response.is_success() {
            let page: QueryResponse<Record> = parse(&response)?;
            return Ok(org_switch::resolve(&page.records, &viewer));
        }
        let errors: Vec<salesforce_rest::RestError> = serde_json::from_str(&response.text).unwrap_or_default();
        if response.status == 400 && errors.iter().any(|e| e.error_code == salesforce_rest::ErrorCode::InvalidType) {
            let cached = self.cache.borrow().global.clone();
            let deployed = match cached {
                Some(global) => global.object(org_switch::SIDECAR_OBJECT).is_some(),
                None => self.get_json::<ObjectNames>("/sobjects").await?.has(org_switch::SIDECAR_OBJECT),
            };
            return Ok(org_switch::when_unreadable(deployed));
        }
        Err(ApiError::from_response(response.status, &response.text))
    }

    /// The user's `User.ProfileId`, kept in `chrome.storage.session` for the
    /// browser session (the panel, the Workspace and every poll of the worker
    /// would otherwise each ask): one small query per user and session. A
    /// profile an admin changes meanwhile is seen after the browser restarts.
    async fn profile_id(&self, user_id: &str) -> Result<Option<String>, ApiError> {
        let key = sidecar_core::settings::keys::profile_id(user_id);
        if let Ok(Some(profile)) = storage::get_in::<String>(storage::Area::Session, &key).await {
            return Ok(Some(profile));
        }
        let page: QueryResponse<Record> = self.query(&org_switch::profile_query(user_id)).await?;
        let profile = page.records.first().and_then(|r| r.get_str("ProfileId")).map(str::to_owned);
        if let Some(profile) = &profile {
            storage::set_in(storage::Area::Session, &key, profile).await.ok();
        }
        Ok(profile)
    }
}
