## Staff pages: required in English and Spanish only. Here, a draft of some messages; every
## message missing from this file shows in English.

## The programs a household may qualify for, each referred in one step
case-programs-title = Biprograme oyo libota oyo ekoki kozwa
case-programs-intro = Biprograme nyonso oyo ezali kosala, na kotalela oyo mofandi ayebisaki biso: oyo akoki liboso, sima oyo akoki mbala mosusu, sima oyo akoki te. Bantina ekomami ndenge mofandi azali kotanga yango na lokasa na ye ya ndingisa.
case-programs-none = Naino programe moko te ezali kosala.
case-programs-eligible = Akoki
case-programs-may-qualify = Akoki mbala mosusu
case-programs-not-eligible = Akoki te
case-programs-refer = Tinda
case-programs-refer-label = Tinda epai ya { $program }
case-programs-refer-note = Likomi mpo na kotinda epai ya { $program } (soki olingi)
case-programs-referred = Esili kotindama na likambo oyo: { $status }

## A case whose resident's personal data was removed
case-erased = Bansango ya moto moko elongolami na { $date }.

## The way a request came in, and callers waiting for a call back
channel-web = Formulere ya internet
channel-phone = Kobenga na telefone
channel-walk_in = Koya na nzoto
channel-sms = Mesaje ya SMS
case-channel = Eyaki na nzela ya
case-call-back = Kozongisa telefone: moto oyo azali kozela ete mosalisi abenga ye.
cases-call-back = Kozongisa telefone
cases-filter-channel = Eyaki na nzela ya
reports-by-channel = Na ndenge basengaki lisalisi
reports-col-channel = Eyaki na nzela ya
audit-action-view_call_back = Amonaki nimero mpo na kozongisa telefone

## A voice message left on the phone line
case-event-voice-message = Nsango ya mongongo ya moto oyo abengaki ({ $seconds } s)
case-event-voice-message-listen = Yoka nsango ya mongongo
