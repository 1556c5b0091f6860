//! The two formats of GeoReport v2. JSON through serde; XML through quick-xml's writer
//! (which escapes), with the declaration the specification asks for and the element
//! names of its examples.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use serde::Serialize;

/// `.json` or `.xml`, from the last path segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Xml,
}

impl Format {
    /// Splits `requests.json` into `("requests", Json)`; anything else is `None`.
    pub fn split(file: &str) -> Option<(&str, Format)> {
        if let Some(stem) = file.strip_suffix(".json") {
            Some((stem, Format::Json))
        } else {
            file.strip_suffix(".xml").map(|stem| (stem, Format::Xml))
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json; charset=utf-8",
            Format::Xml => "text/xml; charset=utf-8",
        }
    }
}

/// A value in an XML element: text, or a list of child elements.
pub enum Node {
    Text(String),
    Empty,
    Children(Vec<(&'static str, Node)>),
}

impl Node {
    pub fn text(value: impl ToString) -> Node {
        Node::Text(value.to_string())
    }

    pub fn opt(value: Option<impl ToString>) -> Node {
        value.map(Node::text).unwrap_or(Node::Empty)
    }
}

fn write_node(writer: &mut Writer<Vec<u8>>, name: &str, node: &Node) -> std::io::Result<()> {
    let element = writer.create_element(name);
    match node {
        Node::Text(text) => {
            element.write_text_content(BytesText::new(text))?;
        }
        Node::Empty => {
            element.write_empty()?;
        }
        Node::Children(children) => {
            element.write_inner_content(|w| {
                for (child, node) in children {
                    write_node(w, child, node)?;
                }
                Ok::<(), std::io::Error>(())
            })?;
        }
    }
    Ok(())
}

/// An XML document: the declaration, then `root` holding `items` each named `item`.
pub fn xml_document(root: &str, children: Vec<(&'static str, Node)>) -> Vec<u8> {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    let _ = writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)));
    let _ = writer.write_event(Event::Text(BytesText::new("\n")));
    let _ = write_node(&mut writer, root, &Node::Children(children));
    let mut out = writer.into_inner();
    out.push(b'\n');
    out
}

pub fn json<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec_pretty(value).unwrap_or_else(|_| b"[]".to_vec())
}

/// One error of the specification's error list.
#[derive(Clone, Debug, Serialize)]
pub struct Error {
    pub code: u16,
    pub description: String,
}

pub fn errors(format: Format, errors: &[Error]) -> Vec<u8> {
    match format {
        Format::Json => json(&errors),
        Format::Xml => xml_document(
            "errors",
            errors
                .iter()
                .map(|e| {
                    (
                        "error",
                        Node::Children(vec![
                            ("code", Node::text(e.code)),
                            ("description", Node::text(&e.description)),
                        ]),
                    )
                })
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_come_from_the_extension() {
        assert_eq!(
            Format::split("requests.json"),
            Some(("requests", Format::Json))
        );
        assert_eq!(
            Format::split("KM-2026-000001.xml"),
            Some(("KM-2026-000001", Format::Xml))
        );
        assert_eq!(Format::split("requests"), None);
        assert_eq!(Format::split("requests.html"), None);
    }

    #[test]
    fn xml_is_declared_and_escaped() {
        let doc = xml_document(
            "errors",
            vec![(
                "error",
                Node::Children(vec![
                    ("code", Node::text(400)),
                    ("description", Node::text("a < b & \"c\"")),
                ]),
            )],
        );
        let doc = String::from_utf8(doc).unwrap();
        assert!(
            doc.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<errors>"),
            "{doc}"
        );
        assert!(
            doc.contains("<description>a &lt; b &amp; &quot;c&quot;</description>"),
            "{doc}"
        );
    }
}
