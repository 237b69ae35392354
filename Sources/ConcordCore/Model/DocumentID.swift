/// A document's stable id: a slug of its path relative to the ingested root (SPEC "Documents, passages,
/// locations").
public enum DocumentID {
    /// The slug of `relativePath`: lower-cased, every run of characters other than `a`–`z` and `0`–`9` turned
    /// into one "-", and no "-" at either end. `000_75fd1b966845eedf.txt` gives `000-75fd1b966845eedf-txt`,
    /// `Sub Dir/Report.PDF` gives `sub-dir-report-pdf`. Letters outside ASCII count as separators, so
    /// different paths can share a slug; the ingest must detect that.
    public static func slug(relativePath: String) -> String {
        var slug = ""
        var pendingDash = false
        for scalar in relativePath.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return slug
    }
}
