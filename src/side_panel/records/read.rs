//! Reading what the records screen shows: an object's compact layout, the
//! name fields of the lookups it shows, and a record (every displayable
//! field, split into queries that keep each URL under Salesforce's limit).

use std::cell::RefCell;
use std::rc::Rc;

use salesforce_rest::SfId;
use salesforce_rest::wire::{Record, SObjectDescribe};
use sidecar_core::api_error::ApiError;
use sidecar_core::records::screen::Opened;
use sidecar_core::records::spec::{self, NameFields};
use sidecar_core::records::view;

use crate::api::Crm;
use crate::platform::{PlatformError, storage, synced};

/// The fields a user added to an object's Key Fields.
pub fn added_fields_key(object: &str) -> String {
    sidecar_core::settings::keys::key_fields(object)
}

/// The fields the user added to `object`'s Key Fields. They follow the
/// user (`chrome.storage.sync` while they fit, see `platform::synced`); a
/// list an older version kept in local storage is read until the next change.
pub async fn added_fields(object: &str) -> Vec<String> {
    let key = added_fields_key(object);
    if let Ok(Some(json)) = synced::load(&key).await
        && let Ok(list) = serde_json::from_str::<Vec<String>>(&json)
    {
        return list;
    }
    storage::get::<Vec<String>>(&key).await.ok().flatten().unwrap_or_default()
}

/// Keeps `list` as the fields the user added to `object`'s Key Fields
/// (the older local copy goes: `synced::save` removes it).
pub async fn save_added_fields(object: &str, list: &[String]) -> Result<(), PlatformError> {
    let json = serde_json::to_string(list).map_err(|e| PlatformError { api: "JSON.stringify", message: e.to_string() })?;
    synced::save(&added_fields_key(object), &json).await
}

/// The layout's field names of `object` (empty when it has none).
pub async fn layout_fields(crm: &Crm, object: &str) -> Result<Vec<String>, ApiError> {
    let layouts = crm.compact_layout(object).await?;
    Ok(layouts.primary().map(|l| l.field_names().into_iter().map(str::to_owned).collect()).unwrap_or_default())
}

/// Learns the name fields of the lookup targets of `shown` not known yet:
/// one describe per target (cached by the client), asked together. A
/// target that cannot be described shows ids. Whether any was asked.
pub async fn learn_names(crm: &Crm, describe: &SObjectDescribe, shown: &[String], names: &RefCell<NameFields>) -> bool {
    let mut targets = spec::missing_name_targets(describe, shown, &names.borrow());
    // What describeGlobal does not list, this user cannot describe: ids, no request.
    if let Ok(global) = crm.describe_global().await {
        targets.retain(|t| {
            let listed = global.object(t).is_some();
            if !listed {
                names.borrow_mut().unreadable(t);
            }
            listed
        });
    }
    let answers = futures::future::join_all(targets.iter().map(|t| crm.describe(t))).await;
    for (target, answer) in targets.iter().zip(answers) {
        match answer {
            Ok(d) => names.borrow_mut().learn(&d),
            // Offline: asked again next time; refused (not accessible): ids.
            Err(ApiError::Offline) => {}
            Err(_) => names.borrow_mut().unreadable(target),
        }
    }
    !targets.is_empty()
}

/// Every field the view can show, with the lookup names `names` allows, in
/// as many queries as keep each URL under Salesforce's limit, merged.
pub async fn read_record(crm: &Crm, describe: &SObjectDescribe, id: &SfId, names: &NameFields) -> Result<Record, ApiError> {
    let fields: Vec<String> = describe.fields.iter().filter(|f| spec::is_displayable(f)).map(|f| f.name.clone()).collect();
    let mut parts = Vec::new();
    for query in view::record_queries(describe, id, &fields, names, view::MAX_ENCODED_SOQL) {
        let answer = crm.query::<Record>(&query).await?;
        parts.push(answer.records.into_iter().next().ok_or(ApiError::NotFound)?);
    }
    view::merge(parts).ok_or(ApiError::NotFound)
}

/// A record to open: its describe, Key Fields (the layout's and the user's
/// additions), their lookups' names, and the record.
pub async fn open_record(crm: &Crm, object: &str, id: &SfId, names: &RefCell<NameFields>) -> Result<Opened, ApiError> {
    let describe = crm.describe(object).await?;
    let layout = layout_fields(crm, object).await?;
    let added = added_fields(object).await;
    let layout: Vec<&str> = layout.iter().map(String::as_str).collect();
    let key_fields = Rc::new(view::key_fields(&describe, &layout, &added));
    let added = Rc::new(view::user_added(&describe, &layout, &added));
    // Names are asked for the Key Fields' lookups only: the others' targets
    // would cost a describe each for fields shown only on demand.
    learn_names(crm, &describe, &key_fields, names).await;
    let snapshot = names.borrow().clone();
    let record = Rc::new(read_record(crm, &describe, id, &snapshot).await?);
    let salesforce_url = crm.record_url(describe.name(), &id.to_string()).await;
    Ok(Opened { object: object.to_owned(), describe, record, key_fields, added, names: Rc::new(snapshot), salesforce_url })
}
