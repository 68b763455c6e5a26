import NearDup

extension Document {
    /// This document with its text, and its record if it has one, moved to the end of `file`.
    /// - Throws: ``InputError/cannotSpill(directory:reason:)`` if the file cannot grow.
    func spilled(into file: TextSpillFile) throws(InputError) -> Document {
        let offset = try withTextUTF8 { utf8 in Result { () throws(InputError) in try file.append(utf8) } }.get()
        let document = withText(spilledAt: offset, in: file)
        guard let record else { return document }
        let recordOffset = try record.withUnsafeBufferPointer { bytes in
            Result { () throws(InputError) in try file.append(bytes) }
        }.get()
        return document.withRecord(spilledAt: recordOffset, in: file)
    }
}
