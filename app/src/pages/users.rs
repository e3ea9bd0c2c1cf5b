//! The account list, for admins.

use crate::components::loaded::Loaded;
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
        <Loaded resource=users let:users>
            {
                view! {
                    <table class="data">
                        <thead><tr><th scope="col">"Name"</th><th scope="col">"Email"</th><th scope="col">"Role"</th></tr></thead>
                        <tbody>
                            {users.into_iter().map(|u| view! {
                                <tr><td>{u.name}</td><td>{u.email}</td><td>{u.role.label()}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }
        </Loaded>
    }
}
