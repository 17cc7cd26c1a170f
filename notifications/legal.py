"""The legal mentions of the acknowledgement of receipt, per language (DESIGN §6).

Sources: law of 8 July 1976 organising the CPAS, art. 58 § 1 and § 2 as amended by
the law of 29 February 2024 (electronic requests); law of 26 May 2002 on the right
to social integration, art. 18 § 3, 20, 22 § 1 al. 2 and 47; law of 8 July 1976,
art. 71.

Legal texts live here, not in the gettext catalogues: translators must not reword
them. ``quoted`` tells a quotation of the article's words from a summary of it.
The French texts marked ``quoted`` are the law's words: art. 58 from the amending law
of 29 February 2024; art. 18 § 3, 20 and 22 § 1 al. 2 of the law of 26 May 2002 from
the consolidated text (Justel) as reproduced article by article by Actualités du droit
belge (2015). Justel itself could not be reached from where this was written: check
these three against the current consolidated text when it can (a later amendment of
art. 20's list of decisions would be the likeliest change). Art. 18 § 3 requires the
acknowledgement to carry art. 20 and 22 § 1 al. 2 themselves, hence the quotations.
The appeal (art. 47 / art. 71) is not required on an acknowledgement and stays a
labelled summary. Dutch and German are non-official renderings of the French text
(the official Dutch text and the official German translation were not reachable),
English is informative."""

from dataclasses import dataclass


@dataclass(frozen=True)
class LegalText:
    article: str
    text: str
    quoted: bool  # the article's own words (else a summary of it)


@dataclass(frozen=True)
class LegalMentions:
    status: str  # official text, or the kind of translation
    texts: tuple[LegalText, ...]


FR = LegalMentions(
    status="Version française : texte officiel (Moniteur belge).",
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
        ),
        LegalText(
            "Art. 58, § 2, de la loi du 8 juillet 1976 (dernière phrase)",
            "Lorsque la demande est introduite via le formulaire électronique visé au § 1er, "
            "le demandeur reçoit le même jour un accusé de réception.",
            quoted=True,
        ),
        LegalText(
            "Art. 18, § 3, de la loi du 26 mai 2002 concernant le droit à l'intégration sociale",
            "Le centre adresse ou remet le même jour un accusé de réception au demandeur.\n"
            "Tout accusé de réception doit indiquer le délai d'examen de la demande et les "
            "dispositions des articles 20 et 22, § 1, alinéa 2.",
            quoted=True,
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
        ),
        LegalText(
            "Art. 22, § 1er, alinéa 2, de la loi du 26 mai 2002",
            "En vue d'une révision éventuelle, l'intéressé doit faire déclaration immédiate "
            "de tout élément nouveau susceptible d'avoir une répercussion sur le montant "
            "qui lui a été accordé ou sur sa situation d'ayant droit.",
            quoted=True,
        ),
        LegalText(
            "Art. 47 de la loi du 26 mai 2002 et art. 71 de la loi du 8 juillet 1976",
            "Un recours contre la décision du centre peut être introduit devant le tribunal "
            "du travail dans les trois mois de sa notification ; en l'absence de décision "
            "dans le délai, le recours est ouvert dans les trois mois de l'expiration de "
            "ce délai.",
            quoted=False,
        ),
    ),
)

NL = LegalMentions(
    status="Niet-officiële vertaling; alleen de Franse en de Nederlandse tekst in het "
    "Belgisch Staatsblad hebben rechtskracht.",
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
        ),
        LegalText(
            "Art. 58, § 2, van de wet van 8 juli 1976 (laatste zin)",
            "Wanneer de aanvraag wordt ingediend via het elektronisch formulier bedoeld in "
            "§ 1, ontvangt de aanvrager dezelfde dag een ontvangstbewijs.",
            quoted=True,
        ),
        LegalText(
            "Art. 18, § 3, van de wet van 26 mei 2002 betreffende het recht op "
            "maatschappelijke integratie",
            "Het centrum stuurt of overhandigt de aanvrager dezelfde dag een "
            "ontvangstbewijs.\n"
            "Elk ontvangstbewijs moet de termijn voor het onderzoek van de aanvraag "
            "vermelden, alsook de bepalingen van de artikelen 20 en 22, § 1, tweede lid.",
            quoted=True,
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
        ),
        LegalText(
            "Art. 22, § 1, tweede lid, van de wet van 26 mei 2002",
            "Met het oog op een eventuele herziening moet de betrokkene onmiddellijk "
            "aangifte doen van elk nieuw gegeven dat een weerslag kan hebben op het bedrag "
            "dat hem werd toegekend of op zijn toestand van rechthebbende.",
            quoted=True,
        ),
        LegalText(
            "Art. 47 van de wet van 26 mei 2002 en art. 71 van de wet van 8 juli 1976",
            "Tegen de beslissing van het centrum kan beroep worden ingesteld bij de "
            "arbeidsrechtbank binnen drie maanden na de kennisgeving ervan; als er binnen "
            "de termijn geen beslissing is, binnen drie maanden na het verstrijken van die "
            "termijn.",
            quoted=False,
        ),
    ),
)

DE = LegalMentions(
    status="Nicht amtliche Übersetzung; rechtsverbindlich ist der im Belgischen Staatsblatt "
    "veröffentlichte Text.",
    texts=(
        LegalText(
            "Art. 58 § 1 Absätze 5 und 6 des Grundlagengesetzes vom 8. Juli 1976 über die "
            "öffentlichen Sozialhilfezentren",
            "Wird der Antrag elektronisch gestellt, gilt seine Registrierung als Unterschrift.\n"
            "Wird der elektronische Antrag an einem Samstag, Sonntag oder gesetzlichen "
            "Feiertag gestellt, ist das Eingangsdatum des Antrags der darauf folgende "
            "Werktag.",
            quoted=True,
        ),
        LegalText(
            "Art. 58 § 2 des Gesetzes vom 8. Juli 1976 (letzter Satz)",
            "Wird der Antrag über das in § 1 erwähnte elektronische Formular gestellt, erhält "
            "der Antragsteller am selben Tag eine Empfangsbestätigung.",
            quoted=True,
        ),
        LegalText(
            "Art. 18 § 3 des Gesetzes vom 26. Mai 2002 über das Recht auf soziale Eingliederung",
            "Das Zentrum schickt oder übergibt dem Antragsteller am selben Tag eine "
            "Empfangsbestätigung.\n"
            "Jede Empfangsbestätigung muss die Frist für die Prüfung des Antrags sowie die "
            "Bestimmungen der Artikel 20 und 22 § 1 Absatz 2 angeben.",
            quoted=True,
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
        ),
        LegalText(
            "Art. 22 § 1 Absatz 2 des Gesetzes vom 26. Mai 2002",
            "Im Hinblick auf eine etwaige Revision muss der Betreffende unverzüglich jede "
            "neue Gegebenheit melden, die sich auf den ihm gewährten Betrag oder auf seine "
            "Lage als Anspruchsberechtigter auswirken kann.",
            quoted=True,
        ),
        LegalText(
            "Art. 47 des Gesetzes vom 26. Mai 2002 und Art. 71 des Gesetzes vom 8. Juli 1976",
            "Gegen die Entscheidung des Zentrums kann innerhalb von drei Monaten nach ihrer "
            "Notifizierung Beschwerde beim Arbeitsgericht eingelegt werden; ergeht innerhalb "
            "der Frist keine Entscheidung, innerhalb von drei Monaten nach Ablauf dieser "
            "Frist.",
            quoted=False,
        ),
    ),
)

EN = LegalMentions(
    status="Informative translation only: the French, Dutch and German texts published in "
    "the Belgian Official Gazette are the law.",
    texts=(
        LegalText(
            "Art. 58 § 1 paragraphs 5 and 6 of the law of 8 July 1976 organising the public "
            "centres for social welfare",
            "When the request is electronic, its registration is equivalent to a signature.\n"
            "When the electronic request is filed on a Saturday, a Sunday or a legal public "
            "holiday, the date of reception of the request is the next working day.",
            quoted=True,
        ),
        LegalText(
            "Art. 58 § 2 of the law of 8 July 1976 (last sentence)",
            "When the request is filed through the electronic form referred to in § 1, the "
            "applicant receives an acknowledgement of receipt the same day.",
            quoted=True,
        ),
        LegalText(
            "Art. 18 § 3 of the law of 26 May 2002 on the right to social integration",
            "The centre sends or hands the applicant an acknowledgement of receipt the same "
            "day.\n"
            "Every acknowledgement of receipt must state the period for examining the "
            "request and the provisions of articles 20 and 22 § 1 paragraph 2.",
            quoted=True,
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
        ),
        LegalText(
            "Art. 22 § 1 paragraph 2 of the law of 26 May 2002",
            "With a view to a possible revision, the person concerned must immediately "
            "declare any new element that may affect the amount granted to them or their "
            "situation as a beneficiary.",
            quoted=True,
        ),
        LegalText(
            "Art. 47 of the law of 26 May 2002 and art. 71 of the law of 8 July 1976",
            "An appeal against the centre's decision may be lodged with the labour court "
            "within three months of its notification; when no decision is taken in time, "
            "within three months of the end of that period.",
            quoted=False,
        ),
    ),
)

LEGAL_MENTIONS = {"fr": FR, "nl": NL, "de": DE, "en": EN}


def legal_mentions(language: str) -> LegalMentions:
    return LEGAL_MENTIONS.get(language, FR)
