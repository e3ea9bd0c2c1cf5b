//! The landing page after sign-in: the caller's to-do lists, overdue work
//! first, every item one click from where the work is done.

use crate::components::loaded::Loaded;
use crate::components::page_title::PageTitle;
use crate::model::{HomeTodo, TodoItem, TodoSection};
use crate::server_fns::home::get_home;
use leptos::prelude::*;

/// `/`: what to do next.
#[component]
pub fn HomePage() -> impl IntoView {
    let todo = Resource::new(|| (), |_| get_home());
    view! {
        <PageTitle text="Home" />
        <Loaded resource=todo let:todo>
            <Todo todo />
        </Loaded>
    }
}

#[component]
fn Todo(todo: HomeTodo) -> impl IntoView {
    let overdue = todo.overdue_count();
    let lede = match overdue {
        0 => "Nothing is overdue. Here is what comes next.".to_owned(),
        1 => "One item is overdue: it is at the top of its list.".to_owned(),
        n => format!("{n} items are overdue: they are at the top of their lists."),
    };
    view! {
        <h1>"Welcome, " {todo.name.clone()}</h1>
        <p class="lede">{lede}</p>
        <div class="todo-lists">
            {todo.sections.into_iter().map(|section| view! { <Section section /> }).collect_view()}
        </div>
    }
}

#[component]
fn Section(section: TodoSection) -> impl IntoView {
    let kind = section.kind;
    let heading_id = format!("todo-{}", kind.key());
    let labelled_by = heading_id.clone();
    let count = section.total();
    let more = section.more;
    view! {
        <section class="card todo" data-todo=kind.key() aria-labelledby=labelled_by>
            <h2 id=heading_id>
                {kind.title()}
                {(count > 0).then(|| view! { <span class="count">{count}</span> })}
            </h2>
            {if section.items.is_empty() {
                view! { <p class="muted">{kind.when_empty()}</p> }.into_any()
            } else {
                view! {
                    <ul class="todo-items">
                        {section.items.into_iter().map(|item| view! { <Item item /> }).collect_view()}
                    </ul>
                    {(more > 0).then(|| view! {
                        <p class="muted todo-more">{format!("… and {more} more, after these.")}</p>
                    })}
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn Item(item: TodoItem) -> impl IntoView {
    let class = if item.overdue {
        "todo-item overdue"
    } else {
        "todo-item"
    };
    view! {
        <li class=class>
            <a class="todo-title" href=item.href>{item.title}</a>
            {item.badge.map(|b| view! { <span class="badge">{b}</span> })}
            <span class="todo-detail">{item.detail}</span>
            {item
                .links
                .into_iter()
                .map(|l| view! { <a class="todo-link" href=l.href rel="external">{l.label}</a> })
                .collect_view()}
        </li>
    }
}
