//! Building the API-shaped JSON objects the services hand to the mapping:
//! the SDK's types do not serialise, so each field is copied by name, and
//! absent values are left out rather than written as `null`.

use serde_json::{Map, Value};

/// A value that may become a JSON field (`None` leaves the field out).
pub trait ToJson {
    fn to_json(self) -> Option<Value>;
}

impl ToJson for Value {
    fn to_json(self) -> Option<Value> {
        (!self.is_null()).then_some(self)
    }
}

impl ToJson for Option<Value> {
    fn to_json(self) -> Option<Value> {
        self.filter(|v| !v.is_null())
    }
}

impl ToJson for &str {
    fn to_json(self) -> Option<Value> {
        Some(Value::String(self.to_string()))
    }
}

impl ToJson for Option<&str> {
    fn to_json(self) -> Option<Value> {
        self.map(|s| Value::String(s.to_string()))
    }
}

impl ToJson for String {
    fn to_json(self) -> Option<Value> {
        Some(Value::String(self))
    }
}

impl ToJson for Option<String> {
    fn to_json(self) -> Option<Value> {
        self.map(Value::String)
    }
}

impl ToJson for bool {
    fn to_json(self) -> Option<Value> {
        Some(Value::Bool(self))
    }
}

impl ToJson for Option<bool> {
    fn to_json(self) -> Option<Value> {
        self.map(Value::Bool)
    }
}

impl ToJson for i32 {
    fn to_json(self) -> Option<Value> {
        Some(Value::from(self))
    }
}

impl ToJson for Option<i32> {
    fn to_json(self) -> Option<Value> {
        self.map(Value::from)
    }
}

impl ToJson for Option<i64> {
    fn to_json(self) -> Option<Value> {
        self.map(Value::from)
    }
}

impl ToJson for &[String] {
    fn to_json(self) -> Option<Value> {
        Some(Value::Array(
            self.iter().map(|s| Value::String(s.clone())).collect(),
        ))
    }
}

impl ToJson for Vec<Value> {
    fn to_json(self) -> Option<Value> {
        Some(Value::Array(self))
    }
}

impl ToJson for Option<Vec<Value>> {
    fn to_json(self) -> Option<Value> {
        self.map(Value::Array)
    }
}

impl ToJson for Vec<&str> {
    fn to_json(self) -> Option<Value> {
        Some(Value::Array(
            self.into_iter()
                .map(|s| Value::String(s.to_string()))
                .collect(),
        ))
    }
}

/// A JSON object from `"Key" => value` pairs; values that are absent are
/// left out.
#[macro_export]
macro_rules! obj {
    ($($key:literal => $value:expr),* $(,)?) => {{
        #[allow(unused_mut)]
        let mut map = serde_json::Map::new();
        $(
            if let Some(value) = $crate::json::ToJson::to_json($value) {
                map.insert($key.to_string(), value);
            }
        )*
        serde_json::Value::Object(map)
    }};
}
/// The object inside a `Value` built by `obj!`.
pub fn into_map(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}
