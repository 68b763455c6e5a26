import NearDup

extension Document {
    /// This document with its text moved to the end of `file`.
    /// - Throws: ``InputError/cannotSpill(directory:reason:)`` if the file cannot grow.
    func spilled(into file: TextSpillFile) throws(InputError) -> Document {
        let offset = try withTextUTF8 { utf8 in Result { () throws(InputError) in try file.append(utf8) } }.get()
        return withText(spilledAt: offset, in: file)
    }
}
