# Etanda ya bosembo mpo na bato nyonso, /equity (issue 19): efungwami mpo na moto nyonso, na minoko nyonso.

equity-footer-link = Lisalisi ezali na bosembo boni?
equity-title = Lisalisi ezali na bosembo boni?
equity-intro = Masengi ya lisalisi oyo esalemaki banda { $from } kino { $to }, mpe nini esalemaki na yango: ezalaki boni, bafandi bazelaki ntango boni mpo na boyokani ya liboso, mpe boni bazwaki internet na ndako.
equity-suppression = Mpo na kobatela bomoko ya moto, motango oyo euti na bafandi moke koleka { $min } emonisami te, mpe motango moko te oyo ekoki kopesa nzela ya koyeba yango.
equity-download-csv = Kokita mitango oyo (CSV)
equity-predicts-heading = Bomoto ya moto ezali naino koyebisa mbano?
equity-predicts-intro = Bosembo elingi koloba ete bomoto na yo eyebisaka lisusu te lisalisi oyo okozwa. Mpo na lolenge ya ekolo, monoko mpe quartier, totalaka soki masanga mosusu bazelaki boyokani ya liboso ntango molai, to bazwaki internet na ndako mingi te, koleka oyo likama ekoki kolimbola.
equity-identity-race = Lolenge ya ekolo
equity-identity-race-lower = lolenge ya ekolo
equity-identity-language = Monoko
equity-identity-language-lower = monoko
equity-identity-area = Quartier
equity-identity-area-lower = quartier
equity-finding-waiting-yes = { $identity } ezali naino koyebisa bozeli: { $high_share } ya bafandi na lisanga { $high } bazelaki koleka { $wait } mpo na boyokani ya liboso, mpe { $low_share } na lisanga { $low }, mbala { $ratio } koleka (interval ya bondimi 95%: { $ci_low } kino { $ci_high }; bokeseni kati na masanga nyonso eleki likama, { $p }).
equity-finding-waiting-no = Elembo moko te ete { $identity_lower } eyebisaka bozeli: bokeseni kati na masanga ezali kati na oyo likama epesaka ({ $p }). Oyo bakeseni mingi: { $high_share } ya bafandi na lisanga { $high } bazelaki koleka { $wait }, mpe { $low_share } na lisanga { $low } (ratio { $ratio }, interval ya bondimi 95%: { $ci_low } kino { $ci_high }).
equity-finding-waiting-too-few = Bafandi bazali naino moke mpo na koyeba soki { $identity_lower } eyebisaka bozeli: masanga oyo ekoki mpo na kokokanisa ezali moke koleka mibale.
equity-finding-connected-yes = { $identity } ezali naino koyebisa soki moto akozwa internet: { $high_share } ya bafandi na lisanga { $high } bazwaki internet na ndako, mpe { $low_share } na lisanga { $low }, mbala { $ratio } koleka (interval ya bondimi 95%: { $ci_low } kino { $ci_high }; bokeseni kati na masanga nyonso eleki likama, { $p }).
equity-finding-connected-no = Elembo moko te ete { $identity_lower } eyebisaka soki moto akozwa internet: bokeseni kati na masanga ezali kati na oyo likama epesaka ({ $p }). Oyo bakeseni mingi: { $high_share } ya bafandi na lisanga { $high } bazwaki internet na ndako, mpe { $low_share } na lisanga { $low } (ratio { $ratio }, interval ya bondimi 95%: { $ci_low } kino { $ci_high }).
equity-finding-connected-too-few = Bafandi bazali naino moke mpo na koyeba soki { $identity_lower } eyebisaka soki moto akozwa internet: masanga oyo ekoki mpo na kokokanisa ezali moke koleka mibale.
equity-p-equals = p = { $p }
equity-p-below = p < { $p }
equity-days = { $n ->
    [one] mokolo { $n }
   *[other] mikolo { $n }
}
equity-hours = { $n ->
    [one] ngonga { $n }
   *[other] bangonga { $n }
}
equity-method-heading = Ndenge tosalaki motango oyo
equity-method-groups = Tokokanisaka kaka masanga oyo ezali na bafandi { $min } to koleka nsima ya motango, masanga kaka oyo bitanda bimonisaka. Mpo na lolenge ya ekolo, eyano moko oyo eponami yango moko ezali lisanga moko, mpe baoyo baponaki biyano koleka moko bazali lisanga mosusu, boye moto moko te atangami mbala mibale; baoyo bazongisaki eyano te mpe masengi oyo ezali na quartier te batangami te.
equity-method-waiting = Bozeli: tolukaka ntango oyo ekabolaka bozeli ya bafandi nyonso oyo tokokanisi pene na ndambo mpe ndambo (ndakisa mikolo 2) mpe tokokanisaka ndambo ya lisanga moko na moko oyo bazelaki koleka yango. Mpo na koyeba soki masanga ekeseni koleka likama, tosalelaka komekama ya Kruskal-Wallis na bozeli ndenge ekomami (na matambe banda ngonga moko kino poso moko), oyo etunaka soki masanga mosusu bazelaka mingi koleka mosusu.
equity-method-connected = Kozwa internet: na kati ya masengi oyo esilaki, ndambo oyo mofandi azwaki internet na ndako. Mpo na koyeba soki masanga ekeseni koleka likama, tosalelaka komekama ya chi-carré ya bonsomi na mitango ya baoyo bazwaki mpe baoyo bazwaki te.
equity-method-ratio = Ratio ekokanisaka masanga mibale oyo ekeseni mingi: mbala boni na lisanga moko koleka na mosusu. Interval ya bondimi 95% (lolenge ya Katz) ezali esika ratio ya solo ekoki mingi kozala; soki ezali na 1 kati, masanga wana mibale ekoki kokesana solo te. Lokola masanga oyo mibale eponamaki mpo ekeseni mingi, komekama na masanga nyonso nde ekatelaka fraze, kasi interval te.
equity-method-chance = Tolobaka ete bomoto ezali naino koyebisa mbano soki bokeseni ya monene boye ekoki kobima na likama moke koleka mbala 5 na 100 (p moke koleka 0,05). "Elembo moko te" endimisi te ete masanga basalisami ndenge moko: masanga mike etikaka esika mpo na bokeseni oyo mitango ekoki naino komonisa te.
equity-method-data = Nyonso awa etangami na mitango oyo ebombamaka mikolo 28 nyonso, soki moke te na kaye ya mofandi moko, mpe moto moko te akoki koyebana na yango.
equity-year-heading = Sanza 12 oyo eleki:
equity-quarters-heading = Na ndambo ya mbula
equity-period = { $from } kino { $to }
equity-quarter-cell-note = Esika moko na moko emonisaka masengi, mikolo ya katikati kino boyokani ya liboso mpe ndambo oyo bazwaki internet na ndako.
equity-quarter-cell = { $requests } · { $median } · { $connected }
equity-by-area = Na quartier
equity-by-language = Na monoko
equity-by-race = Na lolenge ya ekolo
equity-by-channel = Na ndenge bafandi basengaki lisalisi
equity-col-area = Quartier
equity-col-language = Monoko
equity-col-race = Lolenge ya ekolo
equity-col-channel = Ndenge basengaki
equity-col-requests = Masengi
equity-col-median = Mikolo ya katikati kino boyokani ya liboso
equity-col-p90 = Mikolo kino boyokani ya liboso, 9 na 10 kati na yango
equity-col-connected = Bazwaki internet na ndako
equity-everyone = Bato nyonso
equity-suppressed = moke koleka { $min }
equity-no-figure = —
equity-no-area = Ezali na quartier te
equity-race-unanswered = Azongisaki eyano te
equity-race-multiple = Biyano koleka moko
equity-race-prefer-not = Alingaki koloba te
equity-race-note = Mofandi oyo aponaki biyano koleka moko atangami na lisanga moko na moko oyo aponaki.
equity-channel-web = Formulaire na internet
equity-channel-phone = Kobenga na telefone
equity-channel-walk_in = Koya na nzoto
equity-channel-sms = Message ya SMS
equity-gap = Bozeli ya katikati ya molai koleka: { $longest }, mikolo { $high }; ya mokuse koleka: { $shortest }, mikolo { $low }.
equity-map-title = Mikolo ya katikati kino boyokani ya liboso, na quartier
equity-map-area = { $area }: { $figure }
equity-legend-up-to = kino { $value }
equity-legend-range = { $from } kino { $to }
equity-legend-none = Motango te (bafandi moke mingi, to moto te)
