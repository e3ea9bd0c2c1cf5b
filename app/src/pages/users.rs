//! The account list, for admins.

use crate::server_fns::users::list_users;
use leptos::prelude::*;
use leptos_meta::Title;

/// Every account of the organization with its role.
#[component]
pub fn UsersPage() -> impl IntoView {
    let users = Resource::new(|| (), |_| list_users());
    view! {
        <Title text="Users" />
        <h1>"Users"</h1>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || users.get().map(|result| match result {
                Ok(users) => view! {
                    <table class="data">
                        <thead><tr><th scope="col">"Name"</th><th scope="col">"Email"</th><th scope="col">"Role"</th></tr></thead>
                        <tbody>
                            {users.into_iter().map(|u| view! {
                                <tr><td>{u.name}</td><td>{u.email}</td><td>{u.role.label()}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
                Err(err) => view! { <p class="error" role="alert">{err.to_string()}</p> }.into_any(),
            })}
        </Suspense>
    }
}
