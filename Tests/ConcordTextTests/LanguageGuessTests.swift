import Testing

@testable import ConcordText

@Suite struct LanguageGuessTests {
    @Test(arguments: [
        ("NATO has begun to signal its growing worry about China and its partnership with Russia.", "en"),
        (
            "L'OTAN a commencé à signaler son inquiétude croissante face à la Chine et à son partenariat avec la Russie.",
            "fr"
        ),
        (
            "Die NATO hat begonnen, ihre wachsende Sorge über China und seine Partnerschaft mit Russland zu zeigen.",
            "de"
        ),
        ("La OTAN ha comenzado a señalar su creciente preocupación por China y su asociación con Rusia.", "es"),
        (
            "La NATO ha iniziato a segnalare la sua crescente preoccupazione per la Cina e il suo partenariato con la Russia.",
            "it"
        ),
        ("A OTAN começou a sinalizar a sua crescente preocupação com a China e a sua parceria com a Rússia.", "pt"),
        ("De NAVO is begonnen haar groeiende zorg over China en het partnerschap met Rusland te tonen.", "nl"),
        (
            "Nato har börjat visa sin växande oro över Kina och dess partnerskap med Ryssland, och det är inte nytt.",
            "sv"
        ),
        ("НАТО начало сигнализировать о своей растущей обеспокоенности Китаем и его партнёрством с Россией.", "ru"),
        ("北约已经开始表明其对中国日益增长的担忧。", "zh"),
        ("NATOは中国に対する懸念を示し始めた。", "ja"),
        ("나토는 중국에 대한 우려를 표명하기 시작했다.", "ko"),
        ("", "en"),
        ("12345 !!!", "en"),
    ])
    func detectsTheLanguage(_ text: String, _ expected: String) {
        #expect(LanguageGuess.detect(text) == expected)
    }

    /// Short ASCII words are looked up by their letters packed into a number: capitals fold, and a word that
    /// holds or ends with a stop word is not that stop word.
    @Test func stopWordsAreWholeWordsWhateverTheirCase() {
        #expect(LanguageGuess.detect("DER DIE UND DAS") == "de")
        #expect(LanguageGuess.detect("Wunder bunder zunderdie dieser the") == "en")
        #expect(LanguageGuess.detect("Werden werden WERDEN aber") == "de")
        #expect(LanguageGuess.detect("underthe otherwise something and") == "en")
    }

    /// One or two stop words of another language do not outweigh English, the default: "a" is Portuguese too.
    @Test func aFewForeignStopWordsLeaveEnglish() {
        #expect(LanguageGuess.detect("A file about herons, soon deleted.") == "en")
        #expect(LanguageGuess.detect("A file about egrets, a heron and more") == "en")
        #expect(LanguageGuess.detect("O gato e o cão") == "pt")
        #expect(LanguageGuess.detect("Le chat est sur la table.") == "fr")
    }
}
