//! QR codes as SVG, for TOTP enrolment, officer cards and service-code slips.

/// A QR code for `text` as an SVG document at least `size` pixels wide.
pub fn svg(text: &str, size: u32) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color>()
            .min_dimensions(size, size)
            .quiet_zone(true)
            .build(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn renders_an_svg_that_holds_the_modules() {
        let svg = super::svg("https://feedback.example.cn/o/100001", 160).unwrap();
        assert!(svg.starts_with("<?xml") || svg.starts_with("<svg"));
        assert!(svg.contains("<path") || svg.contains("<rect"));
    }
}
