//! Serde for the two domain enums that carry data, [`Threshold`] and [`CampaignTarget`]: tagged
//! objects in human-readable formats (the records IndexedDB keeps, JSON), plain variants in
//! compact ones (postcard: backups and the worker's messages), which cannot read tags.
//!
//! Each enum has one form per kind of format, chosen by `is_human_readable`, so the same type
//! travels everywhere and no layer keeps a copy of it. The private enums below are only those
//! two serde forms.

use super::{CampaignTarget, CurrentQuadrant, FutureQuadrant, Threshold, Tier};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
enum TaggedThreshold {
    Median,
    Value(f64),
}

#[derive(Serialize, Deserialize)]
enum PlainThreshold {
    Median,
    Value(f64),
}

impl Serialize for Threshold {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match (*self, serializer.is_human_readable()) {
            (Threshold::Median, true) => TaggedThreshold::Median.serialize(serializer),
            (Threshold::Value(v), true) => TaggedThreshold::Value(v).serialize(serializer),
            (Threshold::Median, false) => PlainThreshold::Median.serialize(serializer),
            (Threshold::Value(v), false) => PlainThreshold::Value(v).serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Threshold {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            Ok(match TaggedThreshold::deserialize(deserializer)? {
                TaggedThreshold::Median => Threshold::Median,
                TaggedThreshold::Value(v) => Threshold::Value(v),
            })
        } else {
            Ok(match PlainThreshold::deserialize(deserializer)? {
                PlainThreshold::Median => Threshold::Median,
                PlainThreshold::Value(v) => Threshold::Value(v),
            })
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "by", content = "value", rename_all = "snake_case")]
enum TaggedTarget {
    All,
    Tier(Tier),
    Segment(String),
    CurrentQuadrant(CurrentQuadrant),
    FutureQuadrant(FutureQuadrant),
}

#[derive(Serialize, Deserialize)]
enum PlainTarget {
    All,
    Tier(Tier),
    Segment(String),
    CurrentQuadrant(CurrentQuadrant),
    FutureQuadrant(FutureQuadrant),
}

impl Serialize for CampaignTarget {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            match self.clone() {
                CampaignTarget::All => TaggedTarget::All,
                CampaignTarget::Tier(t) => TaggedTarget::Tier(t),
                CampaignTarget::Segment(s) => TaggedTarget::Segment(s),
                CampaignTarget::CurrentQuadrant(q) => TaggedTarget::CurrentQuadrant(q),
                CampaignTarget::FutureQuadrant(q) => TaggedTarget::FutureQuadrant(q),
            }
            .serialize(serializer)
        } else {
            match self.clone() {
                CampaignTarget::All => PlainTarget::All,
                CampaignTarget::Tier(t) => PlainTarget::Tier(t),
                CampaignTarget::Segment(s) => PlainTarget::Segment(s),
                CampaignTarget::CurrentQuadrant(q) => PlainTarget::CurrentQuadrant(q),
                CampaignTarget::FutureQuadrant(q) => PlainTarget::FutureQuadrant(q),
            }
            .serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for CampaignTarget {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            Ok(match TaggedTarget::deserialize(deserializer)? {
                TaggedTarget::All => CampaignTarget::All,
                TaggedTarget::Tier(t) => CampaignTarget::Tier(t),
                TaggedTarget::Segment(s) => CampaignTarget::Segment(s),
                TaggedTarget::CurrentQuadrant(q) => CampaignTarget::CurrentQuadrant(q),
                TaggedTarget::FutureQuadrant(q) => CampaignTarget::FutureQuadrant(q),
            })
        } else {
            Ok(match PlainTarget::deserialize(deserializer)? {
                PlainTarget::All => CampaignTarget::All,
                PlainTarget::Tier(t) => CampaignTarget::Tier(t),
                PlainTarget::Segment(s) => CampaignTarget::Segment(s),
                PlainTarget::CurrentQuadrant(q) => CampaignTarget::CurrentQuadrant(q),
                PlainTarget::FutureQuadrant(q) => CampaignTarget::FutureQuadrant(q),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tagged_in_json_plain_in_postcard_and_both_round_trip() {
        let t = Threshold::Value(2.5);
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"{"kind":"value","value":2.5}"#
        );
        assert_eq!(
            serde_json::to_string(&Threshold::Median).unwrap(),
            r#"{"kind":"median"}"#
        );
        let bytes = postcard::to_stdvec(&t).unwrap();
        assert_eq!(postcard::from_bytes::<Threshold>(&bytes).unwrap(), t);
        let target = CampaignTarget::Tier(Tier::Gold);
        assert_eq!(
            serde_json::to_string(&target).unwrap(),
            r#"{"by":"tier","value":"gold"}"#
        );
        let back: CampaignTarget =
            serde_json::from_str(r#"{"by":"segment","value":"retail"}"#).unwrap();
        assert_eq!(back, CampaignTarget::Segment("retail".into()));
        let bytes = postcard::to_stdvec(&target).unwrap();
        assert_eq!(postcard::from_bytes::<CampaignTarget>(&bytes).unwrap(), target);
    }
}
