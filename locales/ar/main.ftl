## Shared page frame
site-name = مرشدو دنفر الرقميون
skip-to-content = الانتقال إلى المحتوى الرئيسي
language-chooser = اللغة
footer-privacy = نستخدم معلوماتك لمساعدتك فقط. ولا نبيعها أبدًا.
nav-check-status = التحقق من حالة طلب
date-format = %d/%m/%Y

## Landing page
landing-title = مساعدة في الإنترنت، أو في الحصول على جهاز، أو في استخدام التكنولوجيا
landing-intro = مساعدة مجانية لسكان دنفر. سيساعدك مرشد رقمي بلغتك.
landing-get-help = طلب المساعدة
landing-free = الخدمة مجانية. لا حاجة إلى حساب. يستغرق الأمر 3 دقائق تقريبًا.
landing-already-title = هل طلبت المساعدة من قبل؟
landing-check-status = التحقق من طلبك باستخدام رمزك المرجعي

## Needs
need-internet = الإنترنت في المنزل
need-internet-hint = إيجاد إنترنت منزلي بسعر منخفض أو بخصم.
need-device = جهاز كمبيوتر أو جهاز لوحي (تابلت)
need-device-hint = الحصول على جهاز مجاني أو بسعر منخفض.
need-tech_support = مساعدة في استخدام التكنولوجيا
need-tech_support-hint = تعلُّم البريد الإلكتروني، ومكالمات الفيديو، وتعبئة النماذج على الإنترنت، والحماية على الإنترنت.

## Request form
form-title = طلب المساعدة
form-intro = نود أن نعرف القليل عنك. الإجابة مطلوبة فقط عن الأسئلة المكتوب بجانبها "مطلوب".
form-required = (مطلوب)
form-section-you = معلومات عنك
form-name = اسمك
form-name-hint = الاسم الذي يعجبك أن نناديك به.
form-language = اللغة التي نستخدمها معك
form-language-hint = سنتحدث معك ونرسل لك الرسائل النصية بهذه اللغة.
form-section-contact = كيف يمكننا التواصل معك؟
form-contact-hint = يمكنك كتابة رقم هاتف، أو عنوان بريد إلكتروني، أو الاثنين معًا.
form-phone = رقم الهاتف
form-phone-hint = مثلًا { $example_phone }.
form-email = عنوان البريد الإلكتروني
form-contact-method = ما أفضل طريقة للتواصل معك؟
contact-sms = رسالة نصية
contact-call = مكالمة هاتفية
contact-email = بريد إلكتروني
form-sms-consent-legend = الرسائل النصية
form-sms-consent = نعم، أرسلوا لي رسائل نصية عن طلبي.
form-sms-consent-hint = قد تُطبَّق رسوم الرسائل والبيانات. يمكنك إرسال كلمة توقف أو STOP في أي وقت لإيقاف الرسائل.
form-section-where = أين مكان سكنك؟
form-where-hint = يمكنك اختيار حيّك، أو كتابة الرمز البريدي (ZIP) أو عنوانك. نستخدم ذلك لإيجاد مساعدة قريبة منك.
form-area = الحي
form-area-none = لا أعرف / غير موجود في القائمة
form-zip = الرمز البريدي (ZIP)
form-address = عنوان الشارع
form-address-hint = اختياري. مثلًا { $example_address }.
form-section-needs = ما نوع المساعدة التي تلزمك؟
form-needs = يمكنك اختيار كل ما يلزمك
form-needs-hint = يُرجى اختيار شيء واحد على الأقل.
form-details = هل هناك شيء آخر يجب أن نعرفه؟
form-details-hint = اختياري. حتى 2000 حرف.
form-section-household = معلومات عن أسرتك
form-household-hint = اختياري. تساعدنا هذه الإجابات على إيجاد برامج مجانية أو أرخص لك.
form-household-size = كم عدد الأشخاص الذين يعيشون في منزلك؟
form-income = دخل الأسرة في الشهر، بالدولار
form-income-hint = قبل الضرائب. عدد صحيح، مثلًا { $example_income }.
form-benefits = هل يحصل أي شخص في منزلك على شيء من هذه المساعدات؟
form-benefits-hint = يمكنك اختيار كل ما ينطبق.
benefit-snap = SNAP (قسائم الطعام)
benefit-medicaid = التأمين الصحي Medicaid (Health First Colorado)
benefit-wic = WIC (دعم غذائي للأمهات والأطفال)
benefit-ssi = SSI (دخل الضمان التكميلي)
benefit-lifeline = Lifeline (خصم على الهاتف أو الإنترنت)
benefit-public_housing = سكن حكومي أو قسيمة سكن
benefit-school_lunch = غداء مدرسي مجاني أو بسعر مخفض
benefit-pell = منحة Pell الدراسية
benefit-va = معاش المحاربين القدامى
form-age = عمرك
age-under_18 = أقل من 18 سنة
age-18_24 = من 18 إلى 24 سنة
age-25_44 = من 25 إلى 44 سنة
age-45_59 = من 45 إلى 59 سنة
age-60_64 = من 60 إلى 64 سنة
age-65_plus = 65 سنة أو أكثر
form-section-optional = أسئلة اختيارية
form-accessibility = هل أنت بحاجة إلى شيء من هذه؟
access-interpreter = مترجم شفهي
access-large_print = طباعة بخط كبير
access-hearing = مساعدة لضعف السمع
access-screen_reader = مستندات تعمل مع قارئ الشاشة
form-race = عرقك أو أصلك
form-race-hint = اختياري. يمكنك اختيار كل ما يصفك. نستخدم هذه المعلومات فقط للتأكد من أن الجميع يحصلون على المساعدة بعدل، ولا نعرضها أبدًا مع اسمك.
race-american_indian = من الهنود الأمريكيين أو سكان ألاسكا الأصليين
race-asian = من أصل آسيوي
race-black = من السود أو الأمريكيين من أصل أفريقي
race-hispanic = من أصل إسباني أو لاتيني
race-middle_eastern = من الشرق الأوسط أو شمال أفريقيا
race-pacific_islander = من سكان هاواي الأصليين أو جزر المحيط الهادئ
race-white = من البيض
race-other = عرق أو أصل آخر
race-prefer_not_to_say = أفضّل عدم الإجابة
form-veteran = هل خدمت في القوات المسلحة الأمريكية (هل أنت من المحاربين القدامى)؟
form-veteran-hint = اختياري. نسأل لأن البرامج التي تموّل هذه المساعدة تريد أن تعرف أنها تصل إلى المحاربين القدامى. نحسب الإجابات في المجاميع فقط، ولا نعرضها أبدًا مع اسمك.
form-disability = هل لديك إعاقة؟
form-disability-hint = اختياري. نسأل لنعرف أن الأشخاص ذوي الإعاقة يحصلون على المساعدة، ولنخطط لذلك. نحسب الإجابات في المجاميع فقط، ولا نعرضها أبدًا مع اسمك.
answer-yes = نعم
answer-no = لا
answer-prefer_not = أفضّل عدم الإجابة
form-honeypot = يُرجى ترك هذا الحقل فارغًا
form-submit = إرسال طلبي

## Errors in the form
error-title-prefix = خطأ
error-summary-title = هناك مشكلة
error-name-required = يُرجى كتابة اسمك.
error-name-too-long = يجب ألا يزيد اسمك على 200 حرف.
error-language-invalid = يُرجى اختيار لغة من القائمة.
error-phone-invalid = يُرجى كتابة رقم هاتف من 10 أرقام، مثل { $example_phone }.
error-phone-letters = رقم الهاتف يمكن أن يحتوي فقط على أرقام ومسافات وشرطات وأقواس.
error-phone-needed = يُرجى كتابة رقم هاتف حتى نتصل بك أو نرسل لك رسائل نصية.
error-email-invalid = يُرجى كتابة عنوان بريد إلكتروني مثل name@example.com.
error-email-needed = يُرجى كتابة عنوان بريد إلكتروني حتى نراسلك عليه.
error-contact-required = يُرجى كتابة رقم هاتف أو عنوان بريد إلكتروني حتى نتمكن من التواصل معك.
error-contact-method-invalid = يُرجى اختيار طريقة التواصل معك.
error-sms-consent-required = لتصلك رسائل نصية، يُرجى وضع علامة في المربع الذي فيه "نعم".
error-area-invalid = يُرجى اختيار حي من القائمة.
error-location-required = يُرجى اختيار حيّك، أو كتابة الرمز البريدي (ZIP) أو عنوانك.
error-zip-invalid = يُرجى كتابة رمز بريدي من 5 أرقام، مثل { $example_zip }.
error-address-too-long = يجب ألا يزيد العنوان على 300 حرف.
error-needs-required = يُرجى اختيار نوع واحد على الأقل من المساعدة.
error-needs-invalid = يُرجى اختيار ما يلزمك من القائمة.
error-details-too-long = يُرجى كتابة 2000 حرف أو أقل.
error-household-invalid = يُرجى كتابة عدد الأشخاص الذين يعيشون في منزلك، من 1 إلى 20.
error-income-invalid = يُرجى كتابة الدخل الشهري بالدولار كعدد صحيح، مثل { $example_income }.
error-choice-invalid = يُرجى الاختيار من القائمة.
error-ref-invalid = يُرجى كتابة الرمز المرجعي المكوَّن من 8 خانات، مثل { $example_code }.
error-last4-invalid = يُرجى كتابة آخر 4 أرقام من رقم هاتفك.

## Confirmation
confirm-title = وصلنا طلبك
confirm-code-intro = رمزك المرجعي هو:
confirm-code-keep = يُرجى كتابة هذا الرمز على ورقة أو التقاط صورة له. يلزمك هذا الرمز للتحقق من طلبك.
confirm-next-title = ماذا سيحدث بعد ذلك
confirm-next-sms = سنرسل لك رسالة نصية فيها رمزك.
confirm-sms-stopped = طلبت منا من قبل التوقف عن إرسال الرسائل النصية إلى رقم الهاتف هذا، لذلك لن نرسل لك رسائل. لتلقي الرسائل مرة أخرى، أرسل START ردًا على أي رسالة منا.
confirm-next-call = سنتصل بك.
confirm-next-email = سنرسل لك بريدًا إلكترونيًا.
confirm-next-navigator = سيتواصل معك مرشد رقمي، عادةً خلال يومَي عمل.
confirm-next-status = يمكنك التحقق من طلبك في أي وقت باستخدام رمزك وآخر 4 أرقام من رقم هاتفك.
confirm-asked-title = المساعدة التي طلبتها
confirm-programs-title = برامج قد تكون مؤهلاً لها
confirm-programs-intro = سيساعدك مرشد رقمي في التقديم. يوضح كل برنامج سبب ملاءمته لك.
confirm-programs-none = لم نجد برنامجًا لك بعد. سيراجع مرشد رقمي طلبك معك.

## Status
status-title = التحقق من طلبك
status-intro = يُرجى كتابة رمزك المرجعي وآخر 4 أرقام من رقم الهاتف الذي أعطيتنا إياه.
status-ref = الرمز المرجعي
status-ref-hint = 8 حروف وأرقام، مثلًا { $example_code }.
status-last4 = آخر 4 أرقام من رقم هاتفك
status-last4-hint = مثلًا، إذا كان رقمك { $example_phone }، يُرجى كتابة { $example_last4 }.
status-submit = التحقق من طلبي
status-not-found-title = لم نجد هذا الطلب
status-not-found = يُرجى مراجعة الرمز وآخر 4 أرقام من رقم هاتفك، ثم المحاولة مرة أخرى. وإذا لم يظهر الطلب بعد ذلك، يمكنك طلب المساعدة من جديد.
status-result-title = طلبك
status-submitted = تاريخ الإرسال
status-age = { $days ->
    [0] أُرسل طلبك اليوم.
    [zero] أُرسل طلبك اليوم.
    [one] أُرسل طلبك قبل يوم واحد.
    [two] أُرسل طلبك قبل يومين.
    [few] أُرسل طلبك قبل { $days } أيام.
    [many] أُرسل طلبك قبل { $days } يومًا.
   *[other] أُرسل طلبك قبل { $days } يوم.
}
status-current = الحالة
status-first-contact = أول تواصل
status-new-request = طلب المساعدة في أمر آخر
status-new = تم الاستلام. في انتظار مرشد.
status-new-next = سيتواصل معك مرشد رقمي قريبًا.
status-assigned = طلبك الآن لدى أحد المرشدين.
status-assigned-next = سيتواصل معك مرشدك قريبًا.
status-in_progress = مرشدك يعمل على طلبك.
status-in_progress-next = سيبقى مرشدك على تواصل معك.
status-waiting_on_resident = مرشدك ينتظر ردًّا منك.
status-waiting_on_resident-next = يُرجى الرد على آخر رسالة أو مكالمة من مرشدك.
status-referred = أحلناك إلى برنامج يمكنه مساعدتك.
status-referred-next = سيتواصل معك البرنامج. ويمكن لمرشدك مساعدتك في التقديم.
status-resolved = تم. ساعدناك على الاتصال بالإنترنت.
status-resolved-next = إذا احتجت إلى مساعدة أخرى، يمكنك الطلب مرة أخرى في أي وقت.
status-closed = الطلب مغلق.
status-closed-next = إذا كنت ما زلت بحاجة إلى مساعدة، يمكنك الطلب مرة أخرى في أي وقت.

## Error pages
error-go-home = الذهاب إلى الصفحة الرئيسية
error-request-id = إذا اتصلت بنا، يُرجى ذكر هذا الرقم: { $id }
error-400-title = هناك مشكلة في هذا الطلب
error-400-body = يُرجى الرجوع والمحاولة مرة أخرى.
error-404-title = الصفحة غير موجودة
error-404-body = يُرجى التحقق من العنوان، أو البدء من جديد من الصفحة الرئيسية.
error-413-title = البيانات المرسلة كثيرة جدًا
error-413-body = يُرجى تقصير إجاباتك والمحاولة مرة أخرى.
error-429-title = محاولات كثيرة جدًا
error-429-body = يُرجى الانتظار بضع دقائق، ثم المحاولة مرة أخرى.
error-500-title = عذرًا، حدث خطأ ما
error-500-body = الخطأ منّا وليس منك. يُرجى المحاولة مرة أخرى بعد بضع دقائق.

## Program eligibility: a heading for each verdict and the reasons behind it, shown under a
## program's name. The benefit is the benefit's own label (benefit-snap and so on).
eligibility-eligible = أنت مؤهل
eligibility-may-qualify = قد تكون مؤهلًا
eligibility-not-eligible = أنت غير مؤهل
eligibility-because-benefit = لأنك تحصل على { $benefit }
eligibility-because-income = لأن دخل أسرتك ضمن الحد المسموح
eligibility-open-to-all = متاح للجميع
eligibility-no-capacity = لا توجد أماكن متاحة الآن؛ يمكن للمرشد إضافتك إلى قائمة الانتظار أو إيجاد برنامج آخر
eligibility-in-your-language = متاح بلغتك
eligibility-not-in-your-language = غير متاح بلغتك؛ يمكن للمرشد مساعدتك بمترجم فوري
eligibility-income-too-high = دخل أسرتك أعلى من الحد المسموح
eligibility-no-qualifying-benefit = مخصص فقط للأسر التي تحصل على مساعدات معينة
eligibility-too-young = مخصص فقط لمن أعمارهم { $min_age } سنة أو أكثر
eligibility-outside-area = غير متاح في المنطقة التي تسكن فيها
eligibility-closed = لا يقبل أشخاصًا جددًا الآن
eligibility-income-unknown = يعتمد على دخل أسرتك؛ سيتحقق المرشد من ذلك معك
eligibility-household-size-unknown = يعتمد على عدد الأشخاص الذين يعيشون في منزلك؛ سيتحقق المرشد من ذلك معك
eligibility-age-unknown = مخصص فقط لمن أعمارهم { $min_age } سنة أو أكثر
eligibility-area-unknown = متاح في بعض الأحياء فقط؛ سيتحقق المرشد من حيّك

## المواعيد (issue 17)
appt-title = قابل مرشدًا رقميًا شخصيًا
appt-intro = يمكنك اختيار موعد لمقابلة مرشد رقمي في مكتبة أو مركز ترفيهي قريب منك. الخدمة مجانية.
appt-none = لا توجد مواعيد متاحة في الأسبوعين القادمين. سيتواصل معك مرشد لتحديد موعد.
appt-choose = اختر موعدًا
appt-submit = احجز هذا الموعد
appt-move-title = اختر موعدًا آخر
appt-move-submit = انقل موعدي إلى هذا الوقت
appt-booked-intro = تم حجز موعدك:
appt-booked-bring = يُرجى إحضار الرمز المرجعي. إذا لم تتمكن من الحضور، ألغِ الموعد أو اختر موعدًا آخر هنا.
appt-accessibility = إمكانية الوصول: { $notes }
appt-cancel = ألغِ موعدي
appt-taken-title = حُجز هذا الموعد للتو
appt-taken = حجز شخص آخر هذا الموعد قبل لحظات، أو لم يعد متاحًا. يُرجى اختيار موعد آخر.
appt-error-choose = اختر أحد المواعيد من القائمة
appt-back = العودة إلى طلبك
appt-when = { $weekday } { $date }، الساعة { $time }
appt-time-format = %H:%M
appt-weekday-1 = الاثنين
appt-weekday-2 = الثلاثاء
appt-weekday-3 = الأربعاء
appt-weekday-4 = الخميس
appt-weekday-5 = الجمعة
appt-weekday-6 = السبت
appt-weekday-7 = الأحد
