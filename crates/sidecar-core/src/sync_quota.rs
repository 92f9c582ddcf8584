//! Whether a value fits `chrome.storage.sync`, whose quotas are small: 8 KB
//! per item (key plus JSON value) and 100 KB in all. Lists the user grows
//! (workspaces, To Do labels and stars) go to sync while they fit and to
//! local storage otherwise, so a long list is never refused.

/// `chrome.storage.sync.QUOTA_BYTES_PER_ITEM` (key plus JSON value).
pub const SYNC_ITEM_BYTES: usize = 8192;
/// `chrome.storage.sync.QUOTA_BYTES`.
pub const SYNC_TOTAL_BYTES: usize = 102_400;

/// Whether `key` holding `json_len` bytes of JSON fits sync's per-item
/// quota and, with the `others_in_sync` bytes other keys use there
/// (`getBytesInUse`), its total quota.
pub fn fits_sync(key: &str, json_len: usize, others_in_sync: usize) -> bool {
    let item = json_len + key.len();
    item <= SYNC_ITEM_BYTES && item + others_in_sync <= SYNC_TOTAL_BYTES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_edges() {
        let cases: &[(&str, usize, usize, bool)] = &[
            ("k", 8191, 0, true),
            ("k", 8192, 0, false),
            ("todo.005", 8184, 0, true),
            ("todo.005", 8185, 0, false),
            ("k", 100, SYNC_TOTAL_BYTES - 101, true),
            ("k", 100, SYNC_TOTAL_BYTES - 100, false),
        ];
        for (key, len, others, fits) in cases {
            assert_eq!(fits_sync(key, *len, *others), *fits, "{key} {len} {others}");
        }
    }
}
