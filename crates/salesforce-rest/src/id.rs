//! Salesforce record ids (dialect §0): 15 case-sensitive base62 characters,
//! the first three of which name the object (the key prefix), plus a
//! 3-character checksum suffix that makes the 18-character form safe for
//! case-insensitive systems. We accept 15 or 18 characters on input and
//! always emit 18.

use std::fmt;
use std::str::FromStr;

/// The alphabet of the checksum suffix: a 5-bit "which characters are
/// upper case" mask per 5-character chunk indexes into it.
const SUFFIX_ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

/// Why a string is not a record id. devorg reports these as `MALFORMED_ID`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("an id has 15 or 18 characters, this one has {0}")]
    Length(usize),
    #[error("an id holds only letters and digits")]
    Character,
    #[error("the last three characters of this id do not match the first fifteen")]
    Checksum,
}

/// An 18-character Salesforce id, validated.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SfId([u8; 18]);

impl SfId {
    /// Parses a 15- or 18-character id. An 18-character id must carry the
    /// right suffix, compared case-insensitively as Salesforce does.
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let bytes = s.as_bytes();
        if bytes.len() != 15 && bytes.len() != 18 {
            return Err(IdError::Length(s.chars().count()));
        }
        if !bytes.iter().all(u8::is_ascii_alphanumeric) {
            return Err(IdError::Character);
        }
        let mut base = [0u8; 15];
        base.copy_from_slice(&bytes[..15]);
        let suffix = checksum(&base);
        if bytes.len() == 18 && !bytes[15..].eq_ignore_ascii_case(&suffix) {
            return Err(IdError::Checksum);
        }
        Ok(Self::from_parts(&base, &suffix))
    }

    /// Builds an id from a 3-character key prefix and a sequence number, the
    /// way devorg mints new records: `001` + `000000000001` in base 62.
    pub fn mint(key_prefix: &str, sequence: u64) -> Result<Self, IdError> {
        let prefix = key_prefix.as_bytes();
        if prefix.len() != 3 {
            return Err(IdError::Length(prefix.len()));
        }
        if !prefix.iter().all(u8::is_ascii_alphanumeric) {
            return Err(IdError::Character);
        }
        const DIGITS: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        let mut base = [b'0'; 15];
        base[..3].copy_from_slice(prefix);
        let mut n = sequence;
        for slot in base[3..].iter_mut().rev() {
            *slot = DIGITS[(n % 62) as usize];
            n /= 62;
        }
        Ok(Self::from_parts(&base, &checksum(&base)))
    }

    fn from_parts(base: &[u8; 15], suffix: &[u8; 3]) -> Self {
        let mut all = [0u8; 18];
        all[..15].copy_from_slice(base);
        all[15..].copy_from_slice(suffix);
        Self(all)
    }

    /// The 18-character form.
    pub fn as_str(&self) -> &str {
        // Only ASCII alphanumerics ever get in (checked in `parse`/`mint`).
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The case-sensitive 15-character form.
    pub fn short(&self) -> &str {
        &self.as_str()[..15]
    }

    /// The object's key prefix, e.g. `001` for Account.
    pub fn key_prefix(&self) -> &str {
        &self.as_str()[..3]
    }
}

/// The checksum suffix of a 15-character id (dialect §0).
fn checksum(base: &[u8; 15]) -> [u8; 3] {
    let mut out = [0u8; 3];
    for (chunk, slot) in base.chunks(5).zip(out.iter_mut()) {
        let mask = chunk.iter().enumerate().filter(|(_, c)| c.is_ascii_uppercase()).fold(0usize, |m, (i, _)| m | (1 << i));
        *slot = SUFFIX_ALPHABET[mask];
    }
    out
}

impl fmt::Display for SfId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for SfId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SfId({})", self.as_str())
    }
}

impl FromStr for SfId {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl serde::Serialize for SfId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for SfId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Whether two texts name the same record: the 15- and 18-character forms
/// of one id are the same record; text that is not an id compares exactly.
pub fn same_record(a: &str, b: &str) -> bool {
    a == b || matches!((SfId::parse(a), SfId::parse(b)), (Ok(x), Ok(y)) if x == y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifteen_to_eighteen() {
        // Vectors from the dialect doc (§0).
        let cases = [
            ("70130000001tcyI", "70130000001tcyIAAQ"),
            ("a0BA0000000L2ZC", "a0BA0000000L2ZCMA0"),
            ("AaaAABbbBBCccCC", "AaaAABbbBBCccCCZZZ"),
            ("001000000000000", "001000000000000AAA"),
        ];
        for (short, long) in cases {
            let id = SfId::parse(short).expect(short);
            assert_eq!(id.as_str(), long, "{short}");
            assert_eq!(id.short(), short);
            assert_eq!(SfId::parse(long).expect(long), id, "{long} round-trips");
        }
    }

    #[test]
    fn rejects_bad_ids() {
        let cases = [
            ("", IdError::Length(0)),
            ("0013000000", IdError::Length(10)),
            ("70130000001tcyIAA", IdError::Length(17)),
            ("70130000001tcy!", IdError::Character),
            ("70130000001tcyIAAB", IdError::Checksum),
            ("001é0000000000", IdError::Character),
        ];
        for (input, want) in cases {
            assert_eq!(SfId::parse(input), Err(want), "{input:?}");
        }
    }

    #[test]
    fn suffix_is_compared_case_insensitively() {
        assert!(SfId::parse("70130000001tcyIaaq").is_ok());
    }

    #[test]
    fn mint_is_ordered_and_prefixed() {
        let a = SfId::mint("001", 1).expect("mint");
        let b = SfId::mint("001", 62).expect("mint");
        assert_eq!(a.as_str(), "001000000000001AAA");
        assert_eq!(&b.short()[13..], "10");
        assert_eq!(b.key_prefix(), "001");
        assert_eq!(SfId::parse(b.as_str()), Ok(b));
        assert_eq!(SfId::mint("01", 1), Err(IdError::Length(2)));
    }

    #[test]
    fn serde_round_trip() {
        let id: SfId = serde_json::from_str("\"70130000001tcyI\"").expect("parse");
        assert_eq!(serde_json::to_string(&id).expect("json"), "\"70130000001tcyIAAQ\"");
        assert!(serde_json::from_str::<SfId>("\"nope\"").is_err());
    }
}
