# The public equity dashboard, /equity (issue 19): open to anyone, in every language.

equity-footer-link = How fairly is help delivered?
equity-title = How fairly is help delivered?
equity-intro = Requests for help made from { $from } to { $to }, and what became of them: how many there were, how long residents waited for a first contact, and how many were connected to the internet at home.
equity-suppression = To protect privacy, a figure built from fewer than { $min } residents is not shown, and neither is any figure that would let it be worked out.
equity-download-csv = Download these figures (CSV)
equity-predicts-heading = Does identity still predict the outcome?
equity-predicts-intro = Equity means that who you are no longer predicts the help you get. For race or ethnicity, language and neighborhood, we check whether some groups waited longer for a first contact, or were connected at home less often, than chance would explain.
equity-identity-race = Race or ethnicity
equity-identity-race-lower = race or ethnicity
equity-identity-language = Language
equity-identity-language-lower = language
equity-identity-area = Neighborhood
equity-identity-area-lower = neighborhood
equity-finding-waiting-yes = { $identity } still predicts waiting: { $high_share } of residents in the group { $high } waited more than { $wait } for a first contact, against { $low_share } in the group { $low }, { $ratio } times as many (95% confidence interval { $ci_low } to { $ci_high }; difference across all groups larger than chance, { $p }).
equity-finding-waiting-no = No sign that { $identity_lower } predicts waiting: the differences across groups are within what chance gives ({ $p }). Furthest apart: { $high_share } of residents in the group { $high } waited more than { $wait }, against { $low_share } in the group { $low } (ratio { $ratio }, 95% confidence interval { $ci_low } to { $ci_high }).
equity-finding-waiting-too-few = Too few residents yet to tell whether { $identity_lower } predicts waiting: fewer than two groups are large enough to compare.
equity-finding-connected-yes = { $identity } still predicts being connected: { $high_share } of residents in the group { $high } were connected at home, against { $low_share } in the group { $low }, { $ratio } times as many (95% confidence interval { $ci_low } to { $ci_high }; difference across all groups larger than chance, { $p }).
equity-finding-connected-no = No sign that { $identity_lower } predicts being connected: the differences across groups are within what chance gives ({ $p }). Furthest apart: { $high_share } of residents in the group { $high } were connected at home, against { $low_share } in the group { $low } (ratio { $ratio }, 95% confidence interval { $ci_low } to { $ci_high }).
equity-finding-connected-too-few = Too few residents yet to tell whether { $identity_lower } predicts being connected: fewer than two groups are large enough to compare.
equity-p-equals = p = { $p }
equity-p-below = p < { $p }
equity-days = { $n ->
    [one] { $n } day
   *[other] { $n } days
}
equity-hours = { $n ->
    [one] { $n } hour
   *[other] { $n } hours
}
equity-method-heading = How we worked this out
equity-method-groups = We compare only groups with at least { $min } residents behind the figure, the same groups the tables show. For race or ethnicity, each answer chosen alone is a group and residents who chose more than one answer are one more group, so no one counts twice; residents who did not answer are left out, as are requests not placed in a neighborhood.
equity-method-waiting = Waiting: we find the wait that splits all the compared residents' waits closest to half and half (for example 2 days) and compare the share of each group who waited longer than that. To see whether groups differ by more than chance, we use a Kruskal-Wallis test on the waits as they are recorded (in steps from an hour to a week), which asks whether some groups tend to wait longer than others.
equity-method-connected = Being connected: of the requests that were resolved, the share where the resident was connected to the internet at home. To see whether groups differ by more than chance, we use a chi-square test of independence on the numbers connected and not connected.
equity-method-ratio = The ratio compares the two groups furthest apart: how many times as many in one group as in the other. The 95% confidence interval (Katz's method) is the range the true ratio most likely lies in; when it includes 1, those two groups may not really differ. As these two groups were chosen for being furthest apart, the test across all groups, not the interval, decides the sentence.
equity-method-chance = We say an identity still predicts an outcome when differences as large as those seen would come about by chance fewer than 5 times in 100 (p below 0.05). "No sign" does not prove that groups are served alike: small groups leave room for differences the figures cannot show yet.
equity-method-data = Everything here is counted from totals kept for every 28 days, never from a resident's own record, and no resident can be picked out from it.
equity-year-heading = The last 12 months:
equity-quarters-heading = By quarter
equity-period = { $from } to { $to }
equity-quarter-cell-note = Each cell shows the requests, the median days to a first contact and the share connected at home.
equity-quarter-cell = { $requests } · { $median } · { $connected }
equity-by-area = By neighborhood
equity-by-language = By language
equity-by-race = By race or ethnicity
equity-by-channel = By how residents asked for help
equity-col-area = Neighborhood
equity-col-language = Language
equity-col-race = Race or ethnicity
equity-col-channel = How they asked
equity-col-requests = Requests
equity-col-median = Median days to a first contact
equity-col-p90 = Days to a first contact, 9 in 10 within
equity-col-connected = Connected at home
equity-everyone = Everyone
equity-suppressed = fewer than { $min }
equity-no-figure = —
equity-no-area = Not placed in a neighborhood
equity-race-unanswered = Did not answer
equity-race-multiple = More than one answer
equity-race-prefer-not = Preferred not to say
equity-race-note = A resident who chose more than one answer counts in each group chosen.
equity-channel-web = Web form
equity-channel-phone = Phone call
equity-channel-walk_in = Walk-in
equity-channel-sms = Text message
equity-gap = Longest median wait: { $longest }, { $high } days; shortest: { $shortest }, { $low } days.
equity-map-title = Median days to a first contact, by neighborhood
equity-map-area = { $area }: { $figure }
equity-legend-up-to = up to { $value }
equity-legend-range = { $from } to { $to }
equity-legend-none = No figure (too few residents, or none)
