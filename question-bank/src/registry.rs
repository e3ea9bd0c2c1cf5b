//! Ids across sources: which competency every id already belongs to (other
//! bank files, the shipped banks, the database), and the check that the
//! files being checked or imported take no id that belongs elsewhere.
//!
//! Competency, key element and question ids share one namespace. A file may
//! reuse the ids of the competency it redefines, but a competency that came
//! from another file or source is only replaced when the caller says so.

use crate::error::BankError;
use crate::load::{LoadedBank, model_hash};
use crate::model::Competency;
use std::collections::HashMap;
use std::path::Path;

/// The competency an id belongs to and where it is defined (for messages:
/// `banks/teamwork.md:12`, or a stored source).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdOwner {
    /// The competency's id.
    pub competency: String,
    /// Where the id is defined, as shown to people.
    pub defined_at: String,
}

/// Ids already in use outside the files being checked.
#[derive(Clone, Debug, Default)]
pub struct IdRegistry {
    owners: HashMap<String, IdOwner>,
    /// Competency id → (its source, where its heading is, its model hash).
    sources: HashMap<String, (String, String, String)>,
}

impl IdRegistry {
    /// Records the ids of a parsed bank file; `source` is where the
    /// competency comes from, as an import stores it. Replaces whatever was
    /// recorded for the same competency.
    pub fn add_bank(&mut self, bank: &LoadedBank, source: &str) {
        let competency = &bank.competency.id;
        self.remove_competency(competency);
        let file = bank.path.display();
        for site in &bank.id_sites {
            self.owners.insert(
                site.id.clone(),
                IdOwner {
                    competency: competency.clone(),
                    defined_at: format!("{file}:{}", site.line),
                },
            );
        }
        let line = bank
            .id_sites
            .iter()
            .find(|site| site.id == *competency)
            .map_or(1, |site| site.line);
        self.sources.insert(
            competency.clone(),
            (
                source.into(),
                format!("{file}:{line}"),
                bank.content_hash.clone(),
            ),
        );
    }

    /// Records the ids of a stored competency (one already imported) that
    /// came from `source`. Replaces whatever was recorded for it.
    pub fn add_stored(&mut self, competency: &Competency, source: &str) {
        self.remove_competency(&competency.id);
        let defined_at = format!("{source}, as imported into the database");
        for id in ids_of(competency) {
            self.owners.insert(
                id.to_string(),
                IdOwner {
                    competency: competency.id.clone(),
                    defined_at: defined_at.clone(),
                },
            );
        }
        self.sources.insert(
            competency.id.clone(),
            (source.into(), defined_at, model_hash(competency)),
        );
    }

    /// Who `id` belongs to, if anyone.
    pub fn owner(&self, id: &str) -> Option<&IdOwner> {
        self.owners.get(id)
    }

    /// Where competency `id` comes from, if it is known.
    pub fn source_of(&self, id: &str) -> Option<&str> {
        self.sources.get(id).map(|(source, _, _)| source.as_str())
    }

    fn remove_competency(&mut self, id: &str) {
        self.owners.retain(|_, owner| owner.competency != id);
        self.sources.remove(id);
    }
}

/// Every id written in a competency: its own, its key elements' and its
/// questions'.
pub fn ids_of(competency: &Competency) -> impl Iterator<Item = &str> {
    std::iter::once(competency.id.as_str())
        .chain(competency.key_elements.iter().map(|e| e.id.as_str()))
        .chain(competency.interview_questions.iter().map(|q| q.id.as_str()))
        .chain(competency.reference_questions.iter().map(|q| q.id.as_str()))
}

/// Whether two sources name the same bank: equal, or one is a relative path
/// that the other (absolute) path ends with, so `question-bank/banks/x.md`
/// matches `/srv/panelkit/question-bank/banks/x.md`.
pub fn same_source(a: &str, b: &str) -> bool {
    let (pa, pb) = (Path::new(a), Path::new(b));
    a == b
        || (pa.is_absolute() && pb.is_relative() && pa.ends_with(pb))
        || (pb.is_absolute() && pa.is_relative() && pb.ends_with(pa))
}

/// What one file being checked contributes: its competency id, source,
/// model hash and id sites.
pub(crate) struct Candidate<'a> {
    pub path: &'a Path,
    pub source: &'a str,
    pub competency: &'a str,
    /// [`model_hash`] of what was parsed (only meaningful without errors).
    pub hash: &'a str,
    pub sites: &'a [crate::IdSite],
}

/// Checks the ids of `files` against `known` and against each other.
/// Returns the errors of each file (same order as `files`).
pub(crate) fn check_ids(
    files: &[Candidate<'_>],
    known: &IdRegistry,
    replace: bool,
) -> Vec<Vec<BankError>> {
    let mut errors: Vec<Vec<BankError>> = files.iter().map(|_| Vec::new()).collect();
    let redefined: Vec<&str> = files.iter().map(|file| file.competency).collect();
    // Every id written in the files: which files, at which site.
    let mut written: HashMap<&str, Vec<(usize, &crate::IdSite)>> = HashMap::new();
    for (index, file) in files.iter().enumerate() {
        for site in file.sites {
            written.entry(&site.id).or_default().push((index, site));
            let error = |message: String| BankError {
                file: file.path.to_path_buf(),
                line: site.line,
                column: site.column,
                message,
            };
            let foreign_owner = known.owner(&site.id).filter(|owner| {
                owner.competency != file.competency
                    && !redefined.contains(&owner.competency.as_str())
            });
            if let Some(owner) = foreign_owner {
                errors[index].push(error(format!(
                    "id \"{}\" already belongs to competency \"{}\" (defined at {})",
                    site.id, owner.competency, owner.defined_at
                )));
            } else if site.id == file.competency
                && let Some((source, defined_at, hash)) = known.sources.get(&site.id)
                && !replace
                && !same_source(file.source, source)
                // An identical copy replaces nothing.
                && hash != file.hash
            {
                errors[index].push(error(format!(
                    "id \"{}\" already belongs to competency \"{}\" (defined at {defined_at}); \
                     this file would replace it: import with --replace to do that, or choose another id",
                    site.id, site.id
                )));
            }
        }
    }
    for (id, sites) in written {
        let files_of: Vec<usize> = sites.iter().map(|(index, _)| *index).collect();
        if files_of.len() < 2 {
            continue;
        }
        // The file the id rightly belongs to: the one redefining its owner
        // (from the same source, for a competency id). Blame the others.
        let rightful: Vec<usize> = files_of
            .iter()
            .copied()
            .filter(|&index| {
                let file = &files[index];
                match known.owner(id) {
                    Some(owner) if id == file.competency => {
                        owner.competency == id
                            && known
                                .source_of(id)
                                .is_some_and(|s| same_source(file.source, s))
                    }
                    Some(owner) => owner.competency == file.competency,
                    None => false,
                }
            })
            .collect();
        for &(index, site) in &sites {
            let named = if let [only] = rightful[..] {
                sites.iter().find(|(other, _)| *other == only)
            } else {
                sites.iter().find(|(other, _)| *other != index)
            };
            let Some(&(other, other_site)) = named.filter(|(other, _)| *other != index) else {
                continue;
            };
            // With no rightful owner, neither file is blamed over the other.
            let relation = if rightful.len() == 1 {
                "already belongs to"
            } else {
                "is also used by"
            };
            errors[index].push(BankError {
                file: files[index].path.to_path_buf(),
                line: site.line,
                column: site.column,
                message: format!(
                    "id \"{id}\" {relation} competency \"{}\" (defined at {}:{}); ids are unique across all banks",
                    files[other].competency,
                    files[other].path.display(),
                    other_site.line
                ),
            });
        }
    }
    errors
}
