## Shared page frame
site-name = Denver Digital Navigators
skip-to-content = Kende mbala moko na eteni ya ntina
language-chooser = Monoko
footer-privacy = Tosalelaka bansango na yo kaka mpo na kosalisa yo. Totekaka yango ata mokolo moko te.
nav-check-status = Tala esika bosengi ekomi
date-format = %d/%m/%Y

## Landing page
landing-title = Zwa lisalisi mpo na internet, ordinateur to tablette, to mpo na kosalela technologie
landing-intro = Lisalisi ya ofele mpo na bato oyo bafandaka na Denver. Mosalisi moko (digital navigator) akosalisa yo na monoko na yo.
landing-get-help = Senga lisalisi
landing-free = Ezali ofele. Ozali na posa ya compte te. Ekozwa pene na miniti 3.
landing-already-title = Osili kosenga lisalisi?
landing-check-status = Tala bosengi na yo na code ya bosengi na yo

## Needs
need-internet = Internet na ndako
need-internet-hint = Zwa internet ya ndako na ntalo moke to na reduction.
need-device = Ordinateur to tablette
need-device-hint = Zwa ordinateur to tablette ya ofele to ya ntalo moke.
need-tech_support = Lisalisi mpo na kosalela technologie
need-tech_support-hint = Yekola kosalela email, kobenga na video, kotonda ba formulaire na internet, mpe komibatela na internet.

## Request form
form-title = Senga lisalisi
form-intro = Yebisa biso moke mpo na yo. Kaka mituna oyo ekomami "esengeli" nde osengeli koyanola.
form-required = (esengeli)
form-section-you = Mpo na yo
form-name = Kombo na yo
form-name-hint = Kombo oyo olingi tobengaka yo.
form-language = Monoko oyo tosengeli kosalela na yo
form-language-hint = Tokoloba na yo mpe tokotindela yo SMS na monoko oyo.
form-section-contact = Ndenge nini tokoki kozwa yo?
form-contact-hint = Pesa nimero ya telefone, adresi ya email, to yango mibale.
form-phone = Nimero ya telefone
form-phone-hint = Ndakisa { $example_phone }.
form-email = Adresi ya email
form-contact-method = Na nzela nini olingi tozwa yo?
contact-sms = SMS
contact-call = Kobenga na telefone
contact-email = E-mail
form-sms-consent-legend = SMS
form-sms-consent = Iyo, tindela ngai SMS mpo na bosengi na ngai.
form-sms-consent-hint = Bakoki kofutisa yo mbongo mpo na SMS mpe internet. Yanola STOP ntango nyonso mpo na kotelemisa SMS.
form-section-where = Ofandaka wapi?
form-where-hint = Pona quartier na yo, to koma code postal to adresi na yo. Tosalelaka yango mpo na koluka lisalisi pene na yo.
form-area = Quartier
form-area-none = Nayebi te / ezali na liste te
form-zip = Code postal
form-address = Adresi ya ndako
form-address-hint = Soki olingi. Ndakisa { $example_address }.
form-section-needs = Ozali na posa ya lisalisi mpo na nini?
form-needs = Pona nyonso oyo ozali na posa na yango
form-needs-hint = Pona ata moko.
form-details = Ezali na likambo mosusu oyo tosengeli koyeba?
form-details-hint = Soki olingi. Kino ba lettre 2000.
form-section-household = Mpo na bato ya ndako na yo
form-household-hint = Soki olingi. Biyano oyo ekosalisa biso koluka ba programme ya ofele to ya ntalo moke mpo na yo.
form-household-size = Bato boni bafandaka na ndako na yo?
form-income = Mbongo oyo bato ya ndako na yo bazwaka na sanza, na dollars
form-income-hint = Liboso ya kolongola mpako. Koma nimero mobimba, ndakisa { $example_income }.
form-benefits = Moto moko na ndako na yo azwaka lisalisi moko kati na oyo?
form-benefits-hint = Pona nyonso oyo etali yo.
benefit-snap = SNAP (food stamps, lisalisi mpo na bilei)
benefit-medicaid = Medicaid (Health First Colorado)
benefit-wic = WIC
benefit-ssi = SSI
benefit-lifeline = Lifeline
benefit-public_housing = Ndako ya Leta to voucher ya ndako
benefit-school_lunch = Bilei ya kelasi ya ofele to ya ntalo moke
benefit-pell = Bourse Pell (Pell Grant)
benefit-va = Pension ya basoda ya kala (veterans)
form-age = Mbula na yo
age-under_18 = Na se ya mbula 18
age-18_24 = Mbula 18 kino 24
age-25_44 = Mbula 25 kino 44
age-45_59 = Mbula 45 kino 59
age-60_64 = Mbula 60 kino 64
age-65_plus = Mbula 65 to koleka
form-section-optional = Mituna mosusu (soki olingi)
form-accessibility = Ozali na posa ya moko ya biloko oyo?
access-interpreter = Mobongoli ya monoko (interprète)
access-large_print = Makomi ya minene
access-hearing = Lisalisi mpo na bato oyo bayokaka malamu te
access-screen_reader = Mikanda oyo ekoki kotangama na lecteur d'écran (screen reader)
form-race = Race to ekolo na yo
form-race-hint = Soki olingi. Pona nyonso oyo elobeli yo. Tosalelaka yango kaka mpo na kotala ete moto nyonso azwa lisalisi na bosembo. Tolakisaka yango elongo na kombo na yo ata mokolo moko te.
race-american_indian = Indien ya Amerika to mwana-mboka ya Alaska
race-asian = Moto ya Azia
race-black = Moyindo to Moafrika ya Amerika
race-hispanic = Hispanique to Latino
race-middle_eastern = Moto ya Moyen-Orient to ya Afrika ya nordi
race-pacific_islander = Mwana-mboka ya Hawaii to ya bisanga ya Pacifique
race-white = Mondele
race-other = Race to ekolo mosusu
race-prefer_not_to_say = Nalingi koyebisa te
form-veteran = Osalaki na basoda ya Amerika (ozali mobange ya basoda)?
form-veteran-hint = Soki olingi. Totunaka yango mpo ete baprogramɛ oyo bafutaka lisalisi oyo balingi koyeba ete bambange ya basoda bazwaka yango. Totangaka biyano kaka na motango mobimba, elongo na kombo na yo ata mokolo moko te.
form-disability = Ozali na bolɛmbu ya nzoto (handicap)?
form-disability-hint = Soki olingi. Totunaka yango mpo na kotanga ete bato oyo bazali na bolɛmbu ya nzoto bazwaka lisalisi, mpe mpo na kobongisa yango. Totangaka biyano kaka na motango mobimba, elongo na kombo na yo ata mokolo moko te.
answer-yes = Ɛɛ
answer-no = Te
answer-prefer_not = Nalingi koyebisa te
form-honeypot = Tika esika oyo pamba
form-submit = Tinda bosengi na ngai

## Errors in the form
error-title-prefix = Libunga
error-summary-title = Ezali na mokakatano
error-name-required = Koma kombo na yo.
error-name-too-long = Kombo na yo ekoki koleka ba lettre 200 te.
error-language-invalid = Pona monoko moko na liste.
error-phone-invalid = Koma nimero ya telefone na ba chiffre 10, lokola { $example_phone }.
error-phone-letters = Nimero ya telefone ekoki kozala kaka na ba chiffre, ba espace, ba tiret (-) mpe ba parenthèse ( ).
error-phone-needed = Koma nimero ya telefone mpo tokoka kobenga yo to kotindela yo SMS.
error-email-invalid = Koma adresi ya email lokola kombo@example.com.
error-email-needed = Koma adresi ya email mpo tokoka kotindela yo email.
error-contact-required = Koma nimero ya telefone to adresi ya email mpo tokoka kozwa yo.
error-contact-method-invalid = Pona ndenge nini tosengeli kozwa yo.
error-sms-consent-required = Mpo na kozwa SMS, tia elembo na kare oyo ekomami "Iyo".
error-area-invalid = Pona quartier moko na liste.
error-location-required = Pona quartier na yo, to koma code postal to adresi na yo.
error-zip-invalid = Koma code postal na ba chiffre 5, lokola { $example_zip }.
error-address-too-long = Adresi ekoki koleka ba lettre 300 te.
error-needs-required = Pona ata likambo moko oyo ozali na posa ya lisalisi mpo na yango.
error-needs-invalid = Pona na liste oyo ozali na posa na yango.
error-details-too-long = Tosengi yo, koma te koleka ba lettre 2000.
error-household-invalid = Koma motango ya bato oyo bafandaka na ndako na yo, banda 1 kino 20.
error-income-invalid = Koma mbongo ya sanza na nimero mobimba ya dollars, lokola { $example_income }.
error-choice-invalid = Pona na liste.
error-ref-invalid = Koma code ya bosengi ya bilembo 8 (ba lettre mpe ba chiffre), lokola { $example_code }.
error-last4-invalid = Koma ba chiffre 4 ya suka ya nimero ya telefone na yo.

## Confirmation
confirm-title = Tozwi bosengi na yo
confirm-code-intro = Code ya bosengi na yo ezali:
confirm-code-keep = Koma code oyo na papie to benda yango foto. Okozala na posa na yango mpo na kotala bosengi na yo.
confirm-next-title = Nini ekolanda
confirm-next-sms = Tokotindela yo SMS elongo na code na yo.
confirm-sms-stopped = Osengaki biso liboso tótika kotinda SMS na nimero oyo, yango wana tokotindela yo SMS te. Mpo na kozwa lisusu SMS, zongisa START na SMS nyonso oyo totindelaki yo.
confirm-next-call = Tokobenga yo na telefone.
confirm-next-email = Tokotindela yo email.
confirm-next-navigator = Mosalisi moko akozwa yo, mingi mingi na kati ya mikolo 2 ya mosala.
confirm-next-status = Okoki kotala bosengi na yo ntango nyonso na code na yo mpe ba chiffre 4 ya suka ya nimero ya telefone na yo.
confirm-asked-title = Osengaki lisalisi mpo na
confirm-programs-title = Ba programme oyo okoki kozwa
confirm-programs-intro = Mosungi akosalisa yo kotinda mosenga. Programme moko na moko elobi mpo na nini ekoki kokokana na yo.
confirm-programs-none = Tozwi naino programme te mpo na yo. Mosungi akotala mosenga na yo elongo na yo.

## Status
status-title = Tala bosengi na yo
status-intro = Koma code ya bosengi na yo mpe ba chiffre 4 ya suka ya nimero ya telefone oyo opesaki biso.
status-ref = Code ya bosengi
status-ref-hint = Ba lettre mpe ba chiffre 8, ndakisa { $example_code }.
status-last4 = Ba chiffre 4 ya suka ya nimero ya telefone na yo
status-last4-hint = Ndakisa, soki nimero na yo ezali { $example_phone }, koma { $example_last4 }.
status-submit = Tala bosengi na ngai
status-not-found-title = Tomoni bosengi yango te
status-not-found = Tala lisusu code mpe ba chiffre 4 ya suka ya nimero ya telefone na yo, sima meka lisusu. Soki omoni yango kaka te, senga lisalisi lisusu.
status-result-title = Bosengi na yo
status-submitted = Mokolo otindaki
status-age = { $days ->
    [0] Otindi yango lelo.
    [one] Ezali sikoyo mokolo { $days } banda otindaki yango.
   *[other] Ezali sikoyo mikolo { $days } banda otindaki yango.
}
status-current = Ndenge ezali sikoyo
status-first-contact = Bosololi ya liboso
status-new-request = Senga lisalisi mpo na likambo mosusu
status-new = Tozwi yango. Ezali kozela mosalisi.
status-new-next = Mosalisi moko akozwa yo noki.
status-assigned = Mosalisi moko azwi bosengi na yo.
status-assigned-next = Mosalisi na yo akozwa yo noki.
status-in_progress = Mosalisi na yo azali kosala likambo na yo.
status-in_progress-next = Mosalisi na yo akokoba kosolola na yo.
status-waiting_on_resident = Mosalisi na yo azali kozela eyano na yo.
status-waiting_on_resident-next = Tosengi yo, yanola nsango to telefone ya suka ya mosalisi na yo.
status-referred = Totindi yo epai ya programme moko oyo ekoki kosalisa yo.
status-referred-next = Programme yango ekozwa yo. Mosalisi na yo akoki kosalisa yo mpo na kosenga yango.
status-resolved = Esili. Tosalisi yo ozwa oyo osengaki.
status-resolved-next = Soki ozali na posa ya lisalisi lisusu, senga lisusu ntango nyonso.
status-closed = Ekangami.
status-closed-next = Soki ozali naino na posa ya lisalisi, senga lisusu ntango nyonso.

## Error pages
error-go-home = Kende na lokasa ya liboso
error-request-id = Soki obengi biso, pesa nimero oyo: { $id }
error-400-title = Likambo moko ezali malamu te na bosengi yango
error-400-body = Tosengi yo, zonga sima mpe meka lisusu.
error-404-title = Tomoni lokasa yango te
error-404-body = Tala adresi, to banda lisusu na lokasa ya liboso.
error-413-title = Otindi makambo mingi koleka
error-413-body = Tosengi yo, koma biyano ya mokuse mpe meka lisusu.
error-429-title = Omeki mbala mingi koleka
error-429-body = Tosengi yo, zela miniti moke, sima meka lisusu.
error-500-title = Limbisa biso, likambo moko ebebi
error-500-body = Ezali libunga na biso, ezali ya yo te. Tosengi yo, meka lisusu sima ya miniti moke.

## Program eligibility: a heading for each verdict and the reasons behind it, shown under a
## program's name. The benefit is the benefit's own label (benefit-snap and so on).
eligibility-eligible = Okoki kozwa yango
eligibility-may-qualify = Ekoki kozala ete okoki kozwa yango
eligibility-not-eligible = Okoki kozwa yango te
eligibility-because-benefit = mpo ozwaka { $benefit }
eligibility-because-income = mpo mbongo oyo ndako na yo ezwaka eleki ndelo te
eligibility-open-to-all = mpo na bato nyonso
eligibility-no-capacity = esika etikali te sikoyo; mosalisi akoki kotia yo na liste ya kozela to koluka programme mosusu
eligibility-in-your-language = epesamaka na monoko na yo
eligibility-not-in-your-language = epesamaka na monoko na yo te; mosalisi akoki kosalisa yo kozwa mobongoli-maloba
eligibility-income-too-high = mbongo oyo ndako na yo ezwaka eleki ndelo
eligibility-no-qualifying-benefit = kaka mpo na bandako oyo bazwaka mabonza mosusu
eligibility-too-young = kaka mpo na bato ya mibu { $min_age } to koleka
eligibility-outside-area = epesamaka te na esika ofandi
eligibility-closed = ezwaka bato ya sika te sikoyo
eligibility-income-unknown = etaleli mbongo oyo ndako na yo ezwaka; mosalisi akotala yango elongo na yo
eligibility-household-size-unknown = etaleli motango ya bato oyo bafandaka na ndako na yo; mosalisi akotala yango elongo na yo
eligibility-age-unknown = kaka mpo na bato ya mibu { $min_age } to koleka
eligibility-area-unknown = kaka na bakartie mosusu; mosalisi akotala kartie na yo

## Bakutani (issue 17)
appt-title = Kutana na mosalisi miso na miso
appt-intro = Okoki kopona ngonga mpo na kokutana na mosalisi (digital navigator) na bibliothèque to na centre ya masano pene na yo. Ezali ofele.
appt-none = Ngonga moko te ezali pamba na mposo mibale oyo ezali koya. Mosalisi moko akozwa yo mpo na koluka ngonga.
appt-choose = Pona ngonga
appt-submit = Kamata ngonga oyo
appt-move-title = Pona ngonga mosusu
appt-move-submit = Tia bokutani na ngai na ngonga oyo
appt-booked-intro = Bokutani na yo ekamatami:
appt-booked-bring = Yaka na code ya bosengi na yo. Soki okoki koya te, longola bokutani to pona ngonga mosusu awa.
appt-accessibility = Mpo na bato ya bozoki: { $notes }
appt-cancel = Longola bokutani na ngai
appt-taken-title = Moto mosusu akamati ngonga wana sika
appt-taken = Moto mosusu akamati ngonga wana mwa ntango moke liboso, to ezali lisusu pamba te. Svp pona ngonga mosusu.
appt-error-choose = Pona ngonga moko na liste
appt-back = Zonga na bosengi na yo
appt-when = { $weekday } { $date }, { $time }
appt-time-format = %H:%M
appt-weekday-1 = Mokolo ya yambo
appt-weekday-2 = Mokolo ya mibale
appt-weekday-3 = Mokolo ya misato
appt-weekday-4 = Mokolo ya minei
appt-weekday-5 = Mokolo ya mitano
appt-weekday-6 = Mpɔ́sɔ
appt-weekday-7 = Lomingo
