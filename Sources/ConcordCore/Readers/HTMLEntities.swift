/// HTML character references: the named ones pages use (HTML 4's full set and the common HTML5 additions),
/// decimal and hexadecimal ones.
enum HTMLEntities {
    /// Decodes every character reference in `text`; an unknown one is kept as written.
    static func decode(_ text: Substring) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return String(text) }
        var result = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if scalars[index] == "&", let (decoded, length) = reference(in: scalars, at: index) {
                result.append(contentsOf: decoded.unicodeScalars)
                index += length
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return String(result)
    }

    /// The reference starting at `start` (an `&`): its characters and how many scalars it spans.
    private static func reference(in scalars: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        var index = start + 1
        if index < scalars.count, scalars[index] == "#" {
            index += 1
            let hex = index < scalars.count && (scalars[index] == "x" || scalars[index] == "X")
            if hex { index += 1 }
            let digitsStart = index
            while index < scalars.count, index - digitsStart < 8,
                hex ? scalars[index].properties.isASCIIHexDigit : ("0"..."9").contains(scalars[index])
            {
                index += 1
            }
            guard index > digitsStart else { return nil }
            var digits = String.UnicodeScalarView()
            digits.append(contentsOf: scalars[digitsStart..<index])
            guard let value = UInt32(String(digits), radix: hex ? 16 : 10) else { return nil }
            if index < scalars.count, scalars[index] == ";" { index += 1 }
            return (String(numericScalar(value)), index - start)
        }
        let nameStart = index
        while index < scalars.count, index - nameStart < 32, scalars[index].isASCII,
            scalars[index].properties.isAlphabetic || ("0"..."9").contains(scalars[index])
        {
            index += 1
        }
        guard index > nameStart else { return nil }
        var nameView = String.UnicodeScalarView()
        nameView.append(contentsOf: scalars[nameStart..<index])
        let name = String(nameView)
        if index < scalars.count, scalars[index] == ";", let value = named[name] {
            return (value, index + 1 - start)
        }
        // The legacy references browsers accept without a semicolon.
        for legacy in legacyWithoutSemicolon where name.hasPrefix(legacy) {
            if let value = named[legacy] { return (value, 1 + legacy.unicodeScalars.count) }
        }
        return nil
    }

    /// The character of a numeric reference, with HTML's repairs: 0x80–0x9F as Windows-1252, NUL, surrogates
    /// and out-of-range values as U+FFFD.
    static func numericScalar(_ value: UInt32) -> Character {
        if value >= 0x80 && value <= 0x9F { return Character(TextDecoding.windows1252Scalar(UInt8(value))) }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return Character(scalar)
    }

    private static let legacyWithoutSemicolon = ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"]

    /// Named references, without `&` and `;`.
    static let named: [String: String] = [
        // Markup and spaces.
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "ensp": "\u{2002}",
        "emsp": "\u{2003}", "thinsp": "\u{2009}", "hairsp": "\u{200A}", "numsp": "\u{2007}", "puncsp": "\u{2008}",
        "zwnj": "\u{200C}", "zwj": "\u{200D}", "lrm": "\u{200E}", "rlm": "\u{200F}", "shy": "\u{00AD}",
        "ZeroWidthSpace": "\u{200B}", "NoBreak": "\u{2060}", "Tab": "\t", "NewLine": "\n",
        // Punctuation.
        "mdash": "\u{2014}", "ndash": "\u{2013}", "hyphen": "\u{2010}", "dash": "\u{2010}", "horbar": "\u{2015}",
        "minus": "\u{2212}", "hellip": "\u{2026}", "mldr": "\u{2026}", "lsquo": "\u{2018}", "rsquo": "\u{2019}",
        "rsquor": "\u{2019}", "sbquo": "\u{201A}", "ldquo": "\u{201C}", "rdquo": "\u{201D}", "rdquor": "\u{201D}",
        "bdquo": "\u{201E}", "laquo": "\u{00AB}", "raquo": "\u{00BB}", "lsaquo": "\u{2039}", "rsaquo": "\u{203A}",
        "bull": "\u{2022}", "bullet": "\u{2022}", "middot": "\u{00B7}", "centerdot": "\u{00B7}", "dagger": "\u{2020}",
        "Dagger": "\u{2021}", "permil": "\u{2030}", "prime": "\u{2032}", "Prime": "\u{2033}", "oline": "\u{203E}",
        "frasl": "\u{2044}", "iexcl": "\u{00A1}", "iquest": "\u{00BF}", "sect": "\u{00A7}", "para": "\u{00B6}",
        "excl": "!", "quest": "?", "num": "#", "dollar": "$", "percnt": "%", "lpar": "(", "rpar": ")", "ast": "*",
        "plus": "+", "comma": ",", "period": ".", "sol": "/", "colon": ":", "semi": ";", "equals": "=",
        "commat": "@", "lsqb": "[", "lbrack": "[", "bsol": "\\", "rsqb": "]", "rbrack": "]", "Hat": "^",
        "lowbar": "_", "grave": "`", "lcub": "{", "lbrace": "{", "verbar": "|", "vert": "|", "rcub": "}",
        "rbrace": "}", "tilde": "\u{02DC}", "circ": "\u{02C6}", "brvbar": "\u{00A6}", "uml": "\u{00A8}",
        "die": "\u{00A8}", "macr": "\u{00AF}", "acute": "\u{00B4}", "cedil": "\u{00B8}", "ordf": "\u{00AA}",
        "ordm": "\u{00BA}", "not": "\u{00AC}",
        // Symbols, currency, numbers.
        "copy": "\u{00A9}", "reg": "\u{00AE}", "trade": "\u{2122}", "deg": "\u{00B0}", "plusmn": "\u{00B1}",
        "times": "\u{00D7}", "divide": "\u{00F7}", "frac12": "\u{00BD}", "half": "\u{00BD}", "frac14": "\u{00BC}",
        "frac34": "\u{00BE}", "frac13": "\u{2153}", "frac23": "\u{2154}", "sup1": "\u{00B9}", "sup2": "\u{00B2}",
        "sup3": "\u{00B3}", "micro": "\u{00B5}", "cent": "\u{00A2}", "pound": "\u{00A3}", "yen": "\u{00A5}",
        "euro": "\u{20AC}", "curren": "\u{00A4}", "fnof": "\u{0192}", "check": "\u{2713}", "cross": "\u{2717}",
        "star": "\u{2606}", "starf": "\u{2605}", "loz": "\u{25CA}", "spades": "\u{2660}", "clubs": "\u{2663}",
        "hearts": "\u{2665}", "diams": "\u{2666}", "larr": "\u{2190}", "uarr": "\u{2191}", "rarr": "\u{2192}",
        "darr": "\u{2193}", "harr": "\u{2194}", "crarr": "\u{21B5}", "lArr": "\u{21D0}", "uArr": "\u{21D1}",
        "rArr": "\u{21D2}", "dArr": "\u{21D3}", "hArr": "\u{21D4}",
        // Mathematics.
        "forall": "\u{2200}", "part": "\u{2202}", "exist": "\u{2203}", "empty": "\u{2205}", "nabla": "\u{2207}",
        "isin": "\u{2208}", "notin": "\u{2209}", "ni": "\u{220B}", "prod": "\u{220F}", "sum": "\u{2211}",
        "lowast": "\u{2217}", "radic": "\u{221A}", "prop": "\u{221D}", "infin": "\u{221E}", "ang": "\u{2220}",
        "and": "\u{2227}", "or": "\u{2228}", "cap": "\u{2229}", "cup": "\u{222A}", "int": "\u{222B}",
        "there4": "\u{2234}", "sim": "\u{223C}", "cong": "\u{2245}", "asymp": "\u{2248}", "ne": "\u{2260}",
        "equiv": "\u{2261}", "le": "\u{2264}", "ge": "\u{2265}", "sub": "\u{2282}", "sup": "\u{2283}",
        "nsub": "\u{2284}", "sube": "\u{2286}", "supe": "\u{2287}", "oplus": "\u{2295}", "otimes": "\u{2297}",
        "perp": "\u{22A5}", "sdot": "\u{22C5}", "lceil": "\u{2308}", "rceil": "\u{2309}", "lfloor": "\u{230A}",
        "rfloor": "\u{230B}", "lang": "\u{27E8}", "rang": "\u{27E9}", "weierp": "\u{2118}", "image": "\u{2111}",
        "real": "\u{211C}", "alefsym": "\u{2135}",
        // Latin letters.
        "Agrave": "\u{00C0}", "Aacute": "\u{00C1}", "Acirc": "\u{00C2}", "Atilde": "\u{00C3}", "Auml": "\u{00C4}",
        "Aring": "\u{00C5}", "AElig": "\u{00C6}", "Ccedil": "\u{00C7}", "Egrave": "\u{00C8}", "Eacute": "\u{00C9}",
        "Ecirc": "\u{00CA}", "Euml": "\u{00CB}", "Igrave": "\u{00CC}", "Iacute": "\u{00CD}", "Icirc": "\u{00CE}",
        "Iuml": "\u{00CF}", "ETH": "\u{00D0}", "Ntilde": "\u{00D1}", "Ograve": "\u{00D2}", "Oacute": "\u{00D3}",
        "Ocirc": "\u{00D4}", "Otilde": "\u{00D5}", "Ouml": "\u{00D6}", "Oslash": "\u{00D8}", "Ugrave": "\u{00D9}",
        "Uacute": "\u{00DA}", "Ucirc": "\u{00DB}", "Uuml": "\u{00DC}", "Yacute": "\u{00DD}", "THORN": "\u{00DE}",
        "szlig": "\u{00DF}", "agrave": "\u{00E0}", "aacute": "\u{00E1}", "acirc": "\u{00E2}", "atilde": "\u{00E3}",
        "auml": "\u{00E4}", "aring": "\u{00E5}", "aelig": "\u{00E6}", "ccedil": "\u{00E7}", "egrave": "\u{00E8}",
        "eacute": "\u{00E9}", "ecirc": "\u{00EA}", "euml": "\u{00EB}", "igrave": "\u{00EC}", "iacute": "\u{00ED}",
        "icirc": "\u{00EE}", "iuml": "\u{00EF}", "eth": "\u{00F0}", "ntilde": "\u{00F1}", "ograve": "\u{00F2}",
        "oacute": "\u{00F3}", "ocirc": "\u{00F4}", "otilde": "\u{00F5}", "ouml": "\u{00F6}", "oslash": "\u{00F8}",
        "ugrave": "\u{00F9}", "uacute": "\u{00FA}", "ucirc": "\u{00FB}", "uuml": "\u{00FC}", "yacute": "\u{00FD}",
        "thorn": "\u{00FE}", "yuml": "\u{00FF}", "OElig": "\u{0152}", "oelig": "\u{0153}", "Scaron": "\u{0160}",
        "scaron": "\u{0161}", "Yuml": "\u{0178}", "Zcaron": "\u{017D}", "zcaron": "\u{017E}", "Ccaron": "\u{010C}",
        "ccaron": "\u{010D}", "Scedil": "\u{015E}", "scedil": "\u{015F}", "Lstrok": "\u{0141}", "lstrok": "\u{0142}",
        "inodot": "\u{0131}", "imath": "\u{0131}",
        // Greek letters.
        "Alpha": "\u{0391}", "Beta": "\u{0392}", "Gamma": "\u{0393}", "Delta": "\u{0394}", "Epsilon": "\u{0395}",
        "Zeta": "\u{0396}", "Eta": "\u{0397}", "Theta": "\u{0398}", "Iota": "\u{0399}", "Kappa": "\u{039A}",
        "Lambda": "\u{039B}", "Mu": "\u{039C}", "Nu": "\u{039D}", "Xi": "\u{039E}", "Omicron": "\u{039F}",
        "Pi": "\u{03A0}", "Rho": "\u{03A1}", "Sigma": "\u{03A3}", "Tau": "\u{03A4}", "Upsilon": "\u{03A5}",
        "Phi": "\u{03A6}", "Chi": "\u{03A7}", "Psi": "\u{03A8}", "Omega": "\u{03A9}", "alpha": "\u{03B1}",
        "beta": "\u{03B2}", "gamma": "\u{03B3}", "delta": "\u{03B4}", "epsilon": "\u{03B5}", "zeta": "\u{03B6}",
        "eta": "\u{03B7}", "theta": "\u{03B8}", "iota": "\u{03B9}", "kappa": "\u{03BA}", "lambda": "\u{03BB}",
        "mu": "\u{03BC}", "nu": "\u{03BD}", "xi": "\u{03BE}", "omicron": "\u{03BF}", "pi": "\u{03C0}",
        "rho": "\u{03C1}", "sigmaf": "\u{03C2}", "sigma": "\u{03C3}", "tau": "\u{03C4}", "upsilon": "\u{03C5}",
        "phi": "\u{03C6}", "chi": "\u{03C7}", "psi": "\u{03C8}", "omega": "\u{03C9}", "thetasym": "\u{03D1}",
        "upsih": "\u{03D2}", "piv": "\u{03D6}",
    ]
}
