"""The legal mentions of the acknowledgement of receipt, per language (docs/acknowledgement.md).

Legal texts live here, not in the gettext catalogues: translators must not reword them.
``quoted`` tells a quotation of the article's words from a summary of it; ``source`` says
where the quoted words were read (docs/sources.md lists every source with its date).

What is official and what is not:

- French: the law's own words. Art. 58 § 1 and § 2 of the organic law of 8 July 1976 from
  the amending law of 29 February 2024 (M.B. 11 April 2024), art. 2 and 3. Art. 18 § 3 of
  the law of 26 May 2002 in its current wording as quoted by the SPP-IS circular of 28 May
  2025, point 1 (the amending law's own article on art. 18 could not be read here). Art. 20
  and 22 § 1 al. 2 from the consolidated text as reproduced in 2015 (Actualités du droit
  belge); no later change to them was found.
- Dutch: the official Dutch text exists (both laws are bilingual) but could not be read
  here; the Dutch texts below are renderings of the French and say so.
- German: an official German translation of the organic law exists (a coordination
  published in the Moniteur belge of 18 April 2016, numac 2016000231, before the 2024
  changes) but its text could not be read here, nor one of the law of 2002; the German
  texts below are renderings and say so.
- English: informative only.

The appeal (art. 47 of the law of 2002, art. 71 of the organic law) is not required on an
acknowledgement (art. 18 § 3) and stays a labelled summary, built on the public statements
cited in docs/acknowledgement.md.
"""

from dataclasses import dataclass

# Where the quoted words come from (docs/sources.md).
LAW_2024 = (
    "Loi du 29 février 2024, art. 2 et 3 (M.B. 11 avril 2024), "
    "https://etaamb.openjustice.be/fr/nl/loi-du-29-fevrier-2024_n2024003420.html"
)
CIRCULAR_2025 = (
    "Circulaire du SPP Intégration sociale du 28 mai 2025 relative à CPAS Online, point 1"
)
CONSOLIDATED_2015 = (
    "Loi du 26 mai 2002, texte coordonné reproduit par Actualités du droit belge (2015), "
    "https://actualitesdroitbelge.be/droit-belge/legislation/"
    "le-droit-a-l-integration-sociale---loi-du-26-mai-2002-et-a-r--du-11-juillet-2002"
)
RENDERING = "Rendering of the French text made for this service"


@dataclass(frozen=True)
class LegalText:
    article: str
    text: str
    quoted: bool  # the article's own words (else a summary of it)
    source: str = ""


@dataclass(frozen=True)
class LegalMentions:
    status: str  # official text, or the kind of translation
    texts: tuple[LegalText, ...]


FR = LegalMentions(
    status="Version française\u202f: texte officiel. Art. 58\u202f: loi du 29 février 2024 "
    "(Moniteur belge du 11 avril 2024)\u202f; art. 18, § 3\u202f: tel que cité par la "
    "circulaire du SPP IS du 28 mai 2025\u202f; art. 20 et 22\u202f: texte coordonné.",
    texts=(
        LegalText(
            "Art. 58, § 1er, alinéas 5 et 6, de la loi du 8 juillet 1976 organique des "
            "centres publics d'action sociale",
            "Lorsque la demande est électronique, l'enregistrement de celle-ci équivaut à la "
            "signature.\n"
            "Lorsque la demande électronique est introduite un samedi, un dimanche, ou un "
            "jour férié légal, la date de réception de la demande est le jour ouvrable qui "
            "suit.",
            quoted=True,
            source=LAW_2024,
        ),
        LegalText(
            "Art. 58, § 2, de la loi du 8 juillet 1976 (dernière phrase)",
            "Lorsque la demande est introduite via le formulaire électronique visé au § 1er, "
            "le demandeur reçoit le même jour un accusé de réception.",
            quoted=True,
            source=LAW_2024,
        ),
        LegalText(
            "Art. 18, § 3, de la loi du 26 mai 2002 concernant le droit à l'intégration sociale",
            "Le centre ou le formulaire électronique visé au §2 adresse ou remet le même jour "
            "un accusé de réception au demandeur.\n"
            "Tout accusé de réception doit indiquer le délai d'examen de la demande et les "
            "dispositions des articles 20 et 22, § 1er, alinéa 2.",
            quoted=True,
            source=CIRCULAR_2025,
        ),
        LegalText(
            "Art. 20 de la loi du 26 mai 2002",
            "Le centre est tenu d'entendre le demandeur, si celui-ci le demande, avant de "
            "prendre une décision relative à :\n"
            "- l'octroi, le refus ou la révision d'un revenu d'intégration, d'un projet "
            "individualisé d'intégration sociale, ou d'une intégration sociale par "
            "l'emploi;\n"
            "- les sanctions visées à l'article 30, §§ 1 et 2;\n"
            "- la récupération à charge d'une personne qui a perçu le revenu "
            "d'intégration.\n"
            "Le centre est tenu d'informer l'intéressé de ce droit, selon les modalités "
            "fixées par le Roi.\n"
            "L'intéressé peut être entendu soit par le conseil, soit par l'organe compétent "
            "ayant un pouvoir de décision dans le cas concret.\n"
            "Lors de son audition, l'intéressé peut se faire assister ou représenter par "
            "une personne de son choix.",
            quoted=True,
            source=CONSOLIDATED_2015,
        ),
        LegalText(
            "Art. 22, § 1er, alinéa 2, de la loi du 26 mai 2002",
            "En vue d'une révision éventuelle, l'intéressé doit faire déclaration immédiate "
            "de tout élément nouveau susceptible d'avoir une répercussion sur le montant "
            "qui lui a été accordé ou sur sa situation d'ayant droit.",
            quoted=True,
            source=CONSOLIDATED_2015,
        ),
        LegalText(
            "Art. 47 de la loi du 26 mai 2002 et art. 71 de la loi du 8 juillet 1976",
            "Un recours contre la décision du CPAS peut être introduit devant le tribunal "
            "du travail dans les trois mois de sa notification. Si le CPAS ne décide pas "
            "dans le délai légal, un recours est aussi possible\u202f; le délai de trois mois "
            "court alors, selon le cas, de l’accusé de réception ou de la fin de ce délai.",
            quoted=False,
        ),
    ),
)

NL = LegalMentions(
    status="Niet-officiële vertaling van de Franse tekst. Alleen de Franse en de Nederlandse "
    "tekst die in het Belgisch Staatsblad zijn bekendgemaakt, hebben rechtskracht.",
    texts=(
        LegalText(
            "Art. 58, § 1, vijfde en zesde lid, van de organieke wet van 8 juli 1976 "
            "betreffende de openbare centra voor maatschappelijk welzijn",
            "Wanneer de aanvraag elektronisch is, staat de registratie ervan gelijk met de "
            "handtekening.\n"
            "Wanneer de elektronische aanvraag wordt ingediend op een zaterdag, een zondag "
            "of een wettelijke feestdag, is de datum van ontvangst van de aanvraag de "
            "volgende werkdag.",
            quoted=True,
            source=RENDERING,
        ),
        LegalText(
            "Art. 58, § 2, van de wet van 8 juli 1976 (laatste zin)",
            "Wanneer de aanvraag wordt ingediend via het elektronisch formulier bedoeld in "
            "§ 1, ontvangt de aanvrager dezelfde dag een ontvangstbewijs.",
            quoted=True,
            source=RENDERING,
        ),
        LegalText(
            "Art. 18, § 3, van de wet van 26 mei 2002 betreffende het recht op "
            "maatschappelijke integratie",
            "Het centrum of het elektronisch formulier bedoeld in § 2 stuurt of overhandigt "
            "de aanvrager dezelfde dag een ontvangstbewijs.\n"
            "Elk ontvangstbewijs moet de termijn voor het onderzoek van de aanvraag "
            "vermelden, alsook de bepalingen van de artikelen 20 en 22, § 1, tweede lid.",
            quoted=True,
            source=RENDERING,
        ),
        LegalText(
            "Art. 20 van de wet van 26 mei 2002",
            "Het centrum is ertoe gehouden de aanvrager, indien hij daarom verzoekt, te "
            "horen alvorens een beslissing te nemen over:\n"
            "- de toekenning, de weigering of de herziening van een leefloon, van een "
            "geïndividualiseerd project voor maatschappelijke integratie of van een "
            "maatschappelijke integratie door tewerkstelling;\n"
            "- de sancties bedoeld in artikel 30, §§ 1 en 2;\n"
            "- de terugvordering ten laste van een persoon die het leefloon heeft "
            "ontvangen.\n"
            "Het centrum is ertoe gehouden de betrokkene over dit recht in te lichten, "
            "volgens de door de Koning bepaalde nadere regels.\n"
            "De betrokkene kan gehoord worden hetzij door de raad, hetzij door het bevoegde "
            "orgaan dat in het concrete geval beslissingsbevoegdheid heeft.\n"
            "Tijdens zijn verhoor kan de betrokkene zich laten bijstaan of "
            "vertegenwoordigen door een persoon naar keuze.",
            quoted=True,
            source=RENDERING,
        ),
        LegalText(
            "Art. 22, § 1, tweede lid, van de wet van 26 mei 2002",
            "Met het oog op een eventuele herziening moet de betrokkene onmiddellijk "
            "aangifte doen van elk nieuw gegeven dat een weerslag kan hebben op het bedrag "
            "dat hem werd toegekend of op zijn toestand van rechthebbende.",
            quoted=True,
            source=RENDERING,
        ),
        LegalText(
            "Art. 47 van de wet van 26 mei 2002 en art. 71 van de wet van 8 juli 1976",
            "Tegen de beslissing van het OCMW kan beroep worden ingesteld bij de "
            "arbeidsrechtbank binnen drie maanden na de kennisgeving ervan. Als het OCMW "
            "niet binnen de wettelijke termijn beslist, is beroep ook mogelijk; de termijn "
            "van drie maanden loopt dan, naargelang het geval, vanaf het ontvangstbewijs of "
            "vanaf het einde van die termijn.",
            quoted=False,
        ),
    ),
)

DE = LegalMentions(
    status="Nicht amtliche Übersetzung des französischen Textes. Rechtsverbindlich ist der "
    "im Belgischen Staatsblatt veröffentlichte Text.",
    texts=(
        LegalText(
            "Art. 58 § 1 Absätze 5 und 6 des Grundlagengesetzes vom 8. Juli 1976 über die "
            "öffentlichen Sozialhilfezentren",
            "Wird der Antrag elektronisch gestellt, gilt seine Registrierung als Unterschrift.\n"
            "Wird der elektronische Antrag an einem Samstag, Sonntag oder gesetzlichen "
            "Feiertag gestellt, ist das Eingangsdatum des Antrags der darauf folgende "
            "Werktag.",
            quoted=True,
            source=RENDERING,
        ),
        LegalText(
            "Art. 58 § 2 des Gesetzes vom 8. Juli 1976 (letzter Satz)",
            "Wird der Antrag über das in § 1 erwähnte elektronische Formular gestellt, erhält "
            "der Antragsteller am selben Tag eine Empfangsbestätigung.",
            quoted=True,
            source=RENDERING,
        ),
        LegalText(
            "Art. 18 § 3 des Gesetzes vom 26. Mai 2002 über das Recht auf soziale Eingliederung",
            "Das Zentrum oder das in § 2 erwähnte elektronische Formular schickt oder übergibt "
            "dem Antragsteller am selben Tag eine Empfangsbestätigung.\n"
            "Jede Empfangsbestätigung muss die Frist für die Prüfung des Antrags sowie die "
            "Bestimmungen der Artikel 20 und 22 § 1 Absatz 2 angeben.",
            quoted=True,
            source=RENDERING,
        ),
        LegalText(
            "Art. 20 des Gesetzes vom 26. Mai 2002",
            "Das Zentrum ist verpflichtet, den Antragsteller auf dessen Wunsch anzuhören, "
            "bevor es eine Entscheidung trifft über:\n"
            "- die Gewährung, die Verweigerung oder die Revision eines "
            "Eingliederungseinkommens, eines individualisierten Projekts zur sozialen "
            "Eingliederung oder einer sozialen Eingliederung durch Beschäftigung,\n"
            "- die in Artikel 30 §§ 1 und 2 erwähnten Sanktionen,\n"
            "- die Rückforderung zu Lasten einer Person, die das Eingliederungseinkommen "
            "bezogen hat.\n"
            "Das Zentrum ist verpflichtet, den Betreffenden gemäß den vom König "
            "festgelegten Modalitäten über dieses Recht zu informieren.\n"
            "Der Betreffende kann entweder vom Rat oder von dem Organ angehört werden, das "
            "im konkreten Fall Entscheidungsbefugnis hat.\n"
            "Bei seiner Anhörung kann sich der Betreffende von einer Person seiner Wahl "
            "beistehen oder vertreten lassen.",
            quoted=True,
            source=RENDERING,
        ),
        LegalText(
            "Art. 22 § 1 Absatz 2 des Gesetzes vom 26. Mai 2002",
            "Im Hinblick auf eine etwaige Revision muss der Betreffende unverzüglich jede "
            "neue Gegebenheit melden, die sich auf den ihm gewährten Betrag oder auf seine "
            "Lage als Anspruchsberechtigter auswirken kann.",
            quoted=True,
            source=RENDERING,
        ),
        LegalText(
            "Art. 47 des Gesetzes vom 26. Mai 2002 und Art. 71 des Gesetzes vom 8. Juli 1976",
            "Sind Sie mit der Entscheidung des ÖSHZ nicht einverstanden? Dann können Sie "
            "beim Arbeitsgericht Beschwerde einlegen. Sie haben dafür drei Monate ab der "
            "Mitteilung der Entscheidung. Entscheidet das ÖSHZ nicht in der Frist des "
            "Gesetzes? Dann geht die Beschwerde auch. Die drei Monate laufen dann ab der "
            "Empfangsbestätigung oder ab dem Ende dieser Frist, je nach Fall.",
            quoted=False,
        ),
    ),
)

EN = LegalMentions(
    status="Informative translation only: the French and Dutch texts published in the "
    "Belgian Official Gazette are the law.",
    texts=(
        LegalText(
            "Art. 58 § 1 paragraphs 5 and 6 of the law of 8 July 1976 organising the public "
            "centres for social welfare",
            "When the request is electronic, its registration is equivalent to a signature.\n"
            "When the electronic request is filed on a Saturday, a Sunday or a legal public "
            "holiday, the date of reception of the request is the next working day.",
            quoted=True,
            source=RENDERING,
        ),
        LegalText(
            "Art. 58 § 2 of the law of 8 July 1976 (last sentence)",
            "When the request is filed through the electronic form referred to in § 1, the "
            "applicant receives an acknowledgement of receipt the same day.",
            quoted=True,
            source=RENDERING,
        ),
        LegalText(
            "Art. 18 § 3 of the law of 26 May 2002 on the right to social integration",
            "The centre or the electronic form referred to in § 2 sends or hands the "
            "applicant an acknowledgement of receipt the same day.\n"
            "Every acknowledgement of receipt must state the period for examining the "
            "request and the provisions of articles 20 and 22 § 1 paragraph 2.",
            quoted=True,
            source=RENDERING,
        ),
        LegalText(
            "Art. 20 of the law of 26 May 2002",
            "The centre must hear the applicant, if the applicant so asks, before taking a "
            "decision on:\n"
            "- the granting, refusal or revision of an integration income, of an "
            "individualised social integration project, or of social integration through "
            "employment;\n"
            "- the sanctions referred to in article 30, §§ 1 and 2;\n"
            "- recovery from a person who received the integration income.\n"
            "The centre must inform the person concerned of this right, in the manner laid "
            "down by the King.\n"
            "The person concerned may be heard either by the council or by the competent "
            "body with the power to decide in the case at hand.\n"
            "At the hearing, the person concerned may be assisted or represented by a "
            "person of their choice.",
            quoted=True,
            source=RENDERING,
        ),
        LegalText(
            "Art. 22 § 1 paragraph 2 of the law of 26 May 2002",
            "With a view to a possible revision, the person concerned must immediately "
            "declare any new element that may affect the amount granted to them or their "
            "situation as a beneficiary.",
            quoted=True,
            source=RENDERING,
        ),
        LegalText(
            "Art. 47 of the law of 26 May 2002 and art. 71 of the law of 8 July 1976",
            "An appeal against the CPAS's decision may be lodged with the labour court "
            "within three months of its notification. When the CPAS does not decide within "
            "the legal time limit, an appeal is possible too; the three months then run, "
            "depending on the case, from the acknowledgement of receipt or from the end of "
            "that time limit.",
            quoted=False,
        ),
    ),
)

LEGAL_MENTIONS = {"fr": FR, "nl": NL, "de": DE, "en": EN}


def legal_mentions(language: str) -> LegalMentions:
    return LEGAL_MENTIONS.get(language, FR)
