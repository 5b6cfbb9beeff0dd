## Text messages. Each must fit in 2 SMS segments with real values filled in: at most 306
## characters when every character is in the GSM alphabet, otherwise at most 134.
## Vietnamese with diacritics is always UCS-2: at most 134 characters.
## Variables: $code is an 8-character reference code, $url a link of about 35 characters,
## $program a program name of up to 30 characters, $phone a phone number.

sms-confirmation = Hướng Dẫn Viên Kỹ Thuật Số Denver đã nhận yêu cầu, mã { $code }. Xem { $url }. Nhắn NGUNG để ngừng nhận tin.
sms-still-waiting = Hướng Dẫn Viên Kỹ Thuật Số Denver: chúng tôi không quên yêu cầu { $code } của quý vị. Hướng dẫn viên sẽ sớm liên lạc với quý vị.
sms-did-you-apply = Quý vị đã nộp đơn xin { $program } chưa? Nhắn 1 nếu đã nộp, 2 nếu chưa, 3 nếu cần giúp.
sms-still-connected = Internet ở nhà quý vị còn dùng được không? Nhắn CO hoặc KHONG.
sms-satisfaction = Quý vị hài lòng với sự giúp đỡ đến mức nào? Nhắn một số từ 1 (không hài lòng) đến 5 (rất hài lòng).
sms-opted-out = Quý vị sẽ không nhận tin nhắn từ Hướng Dẫn Viên Kỹ Thuật Số Denver nữa. Nhắn START để nhận lại.
sms-opted-in = Quý vị sẽ lại nhận tin nhắn từ Hướng Dẫn Viên Kỹ Thuật Số Denver. Nhắn NGUNG để ngừng nhận tin.
sms-help = Hướng Dẫn Viên Kỹ Thuật Số Denver: giúp miễn phí về internet và thiết bị. Gọi { $phone }. Nhắn NGUNG để ngừng nhận tin.
sms-reply-received = Cảm ơn. Hướng dẫn viên của quý vị sẽ đọc tin nhắn này.
sms-template-call-back = Denver Digital Navigators: chúng tôi đã gọi cho quý vị về yêu cầu { $code }. Xin gọi lại cho chúng tôi theo số { $phone }.
sms-template-documents = Denver Digital Navigators: cho yêu cầu { $code }, xin mang giấy tờ tùy thân có hình và thư về thu nhập hoặc trợ cấp (như SNAP).

## Words residents may text back, separated by commas, in capitals, without accents.
## STOP, START, HELP, YES and NO in English always work too.
## DUNG is "dừng" (stop) but also "đúng" (correct) when typed without accents: it is only a stop
## word, never a yes word. Đ has no Unicode decomposition: fold Đ/đ to D when comparing.
sms-keywords-stop = NGUNG, DUNG, HUY, DUNG LAI, NGUNG LAI, NGUNG NHAN, HUY DANG KY
sms-keywords-start = BAT DAU, BAT LAI, NHAN LAI, TIEP TUC, CO
sms-keywords-help = GIUP, TRO GIUP, GIUP DO, HO TRO, THONG TIN
sms-keywords-yes = CO, C, VANG, DUNG ROI
sms-keywords-no = KHONG, KO, K, KG, CHUA
