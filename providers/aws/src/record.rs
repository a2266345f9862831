//! Records every API operation the collector sends, so a test can check
//! that the collector calls nothing outside the IAM policy README gives.

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::BeforeSerializationInterceptorContextRef;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_types::config_bag::ConfigBag;
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

/// The operations sent, as `Service:Operation` (`KMS:ListKeys`).
#[derive(Debug, Clone, Default)]
pub struct CallRecorder {
    calls: Arc<Mutex<BTreeSet<String>>>,
}

impl CallRecorder {
    pub fn calls(&self) -> BTreeSet<String> {
        self.calls.lock().map(|c| c.clone()).unwrap_or_default()
    }
}

impl Intercept for CallRecorder {
    fn name(&self) -> &'static str {
        "CopguardCallRecorder"
    }

    // The operation's metadata is in the config bag from serialization on
    // (not yet before execution).
    fn read_before_serialization(
        &self,
        _context: &BeforeSerializationInterceptorContextRef<'_>,
        _runtime_components: &aws_smithy_runtime_api::client::runtime_components::RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if let Some(metadata) = cfg.load::<Metadata>() {
            if let Ok(mut calls) = self.calls.lock() {
                calls.insert(format!("{}:{}", metadata.service(), metadata.name()));
            }
        }
        Ok(())
    }
}
