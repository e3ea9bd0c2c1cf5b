//! The loading and error states of a page's data, in one place: a line
//! while the data loads, the error in words if it failed, and the page's
//! own view once it is there.

use crate::errors::AppError;
use leptos::prelude::*;

/// Shows `children` with the value of `resource` once it has loaded; a
/// loading line before, and the error (as an alert) if loading failed.
/// While the resource reloads, the previous view stays (a transition), so a
/// save that refetches does not blank the page.
///
/// The resource must be created outside this component, in the page's
/// body (see the hydration rule in [`crate::pages`]).
#[component]
pub fn Loaded<T, F, V>(
    /// The data the view needs.
    resource: Resource<Result<T, AppError>>,
    /// What the line says while loading.
    #[prop(default = "Loading…")]
    loading: &'static str,
    /// The view of the loaded value.
    children: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Transition fallback=move || view! { <p class="loading">{loading}</p> }>
            {move || resource.get().map(|result| match result {
                Ok(value) => children(value).into_any(),
                Err(err) => view! { <ErrorLine err /> }.into_any(),
            })}
        </Transition>
    }
}

/// An error as an alert line.
#[component]
pub fn ErrorLine(
    /// What went wrong.
    err: AppError,
) -> impl IntoView {
    view! { <p class="error" role="alert">{err.to_string()}</p> }
}
