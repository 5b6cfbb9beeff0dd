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

## The time and place of a contact, and its minutes in the reports
case-contact-place-label = Esalemaki wapi
case-contact-place-choose = Pona esika
case-contact-place-phone = Telefone
case-contact-place-text = Bamesaje ya makomi
case-contact-place-email = Imeyili
case-contact-place-video = Telefone na vidéo
case-contact-place-home_visit = Kotala na ndako
case-contact-place-in_person = Miso na miso
case-contact-place-at = Na { $site }
case-contact-place-minutes = { $place }, miniti { $minutes }
case-contact-minutes-label = Miniti oyo esalemaki
case-contact-minutes-hint = Motango mobimba banda 1 tii { $max }. Ba programme bayebisaka yango na baye bapesaka mbongo.
case-contact-error-place = Pona esika oyo bolobaki na moto
case-contact-error-site = Esika wana ezali lisusu ya kofungwama te: pona esika mosusu
case-contact-error-minutes = Koma miniti oyo osalaki, motango mobimba banda 1 tii 480
reports-minutes-title = Ntango oyo epesamaki na bafandi
reports-minutes-intro = Miniti ya bokutani oyo ekomamaki na bafandi oyo. Bokutani oyo ekomamaki liboso ya kotuna miniti ezali na miniti te: miniti na mofandi moko etangaka kaka bafandi oyo bokutani na bango nyonso ezali na miniti.
reports-served = Bafandi oyo bokutani ekomamaki
reports-minutes = Miniti ya bokutani
reports-minutes-per = Miniti na mofandi moko oyo asalisamaki
reports-untimed = Bafandi na bokutani oyo bolai na yango eyebani te
reports-minutes-by-need = Miniti na bosenga
reports-minutes-by-language = Miniti na monoko
reports-minutes-by-area = Miniti na etuka
reports-col-need = Bosenga
reports-col-served = Bafandi oyo basalisamaki
reports-col-minutes = Miniti
reports-col-minutes-per = Miniti na mofandi
reports-col-untimed = Bolai eyebani te

## Reports: appointments
reports-appointments-title = Bakutani
reports-appointments-intro = Bakutani ya mikolo oyo, mpe ntango nini bafandi oyo basengaki lisalisi na ntango oyo bazelaki bokutani na bango ya liboso. Bakutani oyo balongolaki etángami te lokola oyo ebongisami.
reports-col-booked = Ebongisami
reports-col-attended = Bayaki
reports-col-no-show = Bayaki te
reports-col-cancelled = Elongolami
reports-col-attended-share = Bayaki, kati na oyo ekomami
reports-col-site = Esika
reports-days-to-appointment = Mikolo ya katikati banda bosengi kino bokutani ya liboso
reports-days-to-appointment-p90 = Mikolo banda bosengi kino bokutani ya liboso, pourcentile 90
reports-appointments-csv = Kitisa bakutani (CSV)
reports-appointments-by-site = Bakutani na esika
reports-appointments-by-language = Bakutani na monoko
reports-appointments-by-area = Bakutani na etúka

## The programs page: where the open data is
programs-open-data = Ba données ya polele: ba programmes oyo ezali kosala ebimisami mpo na 211 mpe ba annuaires mosusu lokola API Open Referral HSDS 3.0 na
