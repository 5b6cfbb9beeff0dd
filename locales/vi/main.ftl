## Shared page frame
site-name = Hướng Dẫn Viên Kỹ Thuật Số Denver
skip-to-content = Đi đến nội dung chính
language-chooser = Ngôn ngữ
footer-privacy = Chúng tôi chỉ dùng thông tin của quý vị để giúp quý vị. Chúng tôi không bao giờ bán thông tin này.
nav-check-status = Kiểm tra tình trạng yêu cầu
date-format = %d/%m/%Y

## Landing page
landing-title = Được giúp đỡ về internet, thiết bị hoặc công nghệ
landing-intro = Giúp đỡ miễn phí cho cư dân Denver. Một hướng dẫn viên kỹ thuật số sẽ giúp quý vị bằng ngôn ngữ của quý vị.
landing-get-help = Xin giúp đỡ
landing-free = Hoàn toàn miễn phí. Không cần tạo tài khoản. Chỉ mất khoảng 3 phút.
landing-already-title = Quý vị đã xin giúp đỡ rồi?
landing-check-status = Kiểm tra yêu cầu bằng mã số của quý vị

## Needs
need-internet = Internet tại nhà
need-internet-hint = Tìm internet tại nhà giá rẻ hoặc được giảm giá.
need-device = Máy vi tính hoặc máy tính bảng
need-device-hint = Nhận thiết bị miễn phí hoặc giá rẻ.
need-tech_support = Giúp sử dụng công nghệ
need-tech_support-hint = Học dùng email, gọi video, điền đơn trên mạng, giữ an toàn khi lên mạng.

## Request form
form-title = Xin giúp đỡ
form-intro = Xin cho chúng tôi biết một chút về quý vị. Quý vị chỉ cần trả lời những câu hỏi có ghi "bắt buộc".
form-required = (bắt buộc)
form-section-you = Về quý vị
form-name = Tên của quý vị
form-name-hint = Tên mà quý vị muốn chúng tôi dùng để gọi quý vị.
form-language = Ngôn ngữ chúng tôi nên dùng với quý vị
form-language-hint = Chúng tôi sẽ nói chuyện và nhắn tin với quý vị bằng ngôn ngữ này.
form-section-contact = Chúng tôi có thể liên lạc với quý vị bằng cách nào?
form-contact-hint = Cho chúng tôi số điện thoại, địa chỉ email, hoặc cả hai.
form-phone = Số điện thoại
form-phone-hint = Ví dụ { $example_phone }.
form-email = Địa chỉ email
form-contact-method = Quý vị muốn chúng tôi liên lạc bằng cách nào?
contact-sms = Tin nhắn
contact-call = Gọi điện thoại
contact-email = Thư điện tử (email)
form-sms-consent-legend = Tin nhắn
form-sms-consent = Có, hãy nhắn tin cho tôi về yêu cầu của tôi.
form-sms-consent-hint = Có thể mất phí tin nhắn và dữ liệu. Nhắn STOP hoặc NGUNG bất cứ lúc nào để ngừng nhận tin.
form-section-where = Quý vị sống ở đâu?
form-where-hint = Chọn khu phố của quý vị, hoặc cho biết mã ZIP hay địa chỉ. Chúng tôi dùng thông tin này để tìm nơi giúp đỡ gần quý vị.
form-area = Khu phố
form-area-none = Tôi không biết / không có trong danh sách
form-zip = Mã ZIP
form-address = Địa chỉ nhà
form-address-hint = Không bắt buộc. Ví dụ { $example_address }.
form-section-needs = Quý vị cần giúp về việc gì?
form-needs = Chọn tất cả những gì quý vị cần
form-needs-hint = Chọn ít nhất một.
form-details = Quý vị có muốn cho chúng tôi biết thêm điều gì không?
form-details-hint = Không bắt buộc. Tối đa 2.000 ký tự.
form-section-household = Về gia đình quý vị
form-household-hint = Không bắt buộc. Các câu trả lời này giúp chúng tôi tìm những chương trình miễn phí hoặc rẻ hơn cho quý vị.
form-household-size = Có bao nhiêu người sống trong nhà quý vị?
form-income = Thu nhập của cả gia đình mỗi tháng, tính bằng đô la
form-income-hint = Trước thuế. Chỉ ghi số đô la, không ghi xu, ví dụ { $example_income }.
form-benefits = Có ai trong nhà quý vị đang nhận một trong những trợ cấp này không?
form-benefits-hint = Chọn tất cả những mục đúng.
benefit-snap = SNAP (phiếu thực phẩm)
benefit-medicaid = Medicaid (Health First Colorado)
benefit-wic = WIC
benefit-ssi = SSI
benefit-lifeline = Lifeline
benefit-public_housing = Nhà ở công cộng hoặc phiếu trợ cấp nhà ở
benefit-school_lunch = Bữa trưa ở trường miễn phí hoặc giảm giá
benefit-pell = Pell Grant (trợ cấp học phí)
benefit-va = Lương hưu cựu chiến binh
form-age = Tuổi của quý vị
age-under_18 = Dưới 18 tuổi
age-18_24 = Từ 18 đến 24 tuổi
age-25_44 = Từ 25 đến 44 tuổi
age-45_64 = Từ 45 đến 64 tuổi
age-65_plus = Từ 65 tuổi trở lên
form-section-optional = Câu hỏi không bắt buộc
form-accessibility = Quý vị có cần điều nào sau đây không?
access-interpreter = Thông dịch viên
access-large_print = Chữ in lớn
access-hearing = Hỗ trợ cho người nghe kém
access-screen_reader = Tài liệu dùng được với phần mềm đọc màn hình
form-race = Chủng tộc hoặc sắc tộc của quý vị
form-race-hint = Không bắt buộc. Chọn tất cả những gì đúng với quý vị. Chúng tôi chỉ dùng thông tin này để kiểm tra rằng mọi người đều được giúp đỡ công bằng. Chúng tôi không bao giờ cho hiện thông tin này cùng với tên của quý vị.
race-american_indian = Người Mỹ Da Đỏ hoặc Thổ Dân Alaska
race-asian = Người Châu Á
race-black = Người Da Đen hoặc Người Mỹ gốc Phi
race-hispanic = Người gốc Tây Ban Nha hoặc La-tinh
race-middle_eastern = Người Trung Đông hoặc Bắc Phi
race-pacific_islander = Người Hawaii bản địa hoặc Người Đảo Thái Bình Dương
race-white = Người Da Trắng
race-other = Chủng tộc hoặc sắc tộc khác
race-prefer_not_to_say = Tôi không muốn trả lời
form-honeypot = Để trống ô này
form-submit = Gửi yêu cầu của tôi

## Errors in the form
error-title-prefix = Lỗi
error-summary-title = Có vấn đề cần sửa
error-name-required = Vui lòng nhập tên của quý vị.
error-name-too-long = Tên không được dài quá 200 ký tự.
error-language-invalid = Vui lòng chọn một ngôn ngữ trong danh sách.
error-phone-invalid = Vui lòng nhập số điện thoại có 10 chữ số, ví dụ { $example_phone }.
error-phone-letters = Số điện thoại chỉ được có chữ số, khoảng trắng, dấu gạch ngang và dấu ngoặc.
error-phone-needed = Vui lòng nhập số điện thoại để chúng tôi có thể gọi hoặc nhắn tin cho quý vị.
error-email-invalid = Vui lòng nhập địa chỉ email, ví dụ name@example.com.
error-email-needed = Vui lòng nhập địa chỉ email để chúng tôi có thể gửi email cho quý vị.
error-contact-required = Vui lòng nhập số điện thoại hoặc địa chỉ email để chúng tôi có thể liên lạc với quý vị.
error-contact-method-invalid = Vui lòng chọn cách chúng tôi nên liên lạc với quý vị.
error-sms-consent-required = Để nhận tin nhắn, vui lòng đánh dấu vào ô có chữ "Có".
error-area-invalid = Vui lòng chọn một khu phố trong danh sách.
error-location-required = Vui lòng chọn khu phố, hoặc nhập mã ZIP hay địa chỉ của quý vị.
error-zip-invalid = Vui lòng nhập mã ZIP có 5 chữ số, ví dụ { $example_zip }.
error-address-too-long = Địa chỉ không được dài quá 300 ký tự.
error-needs-required = Vui lòng chọn ít nhất một việc quý vị cần giúp.
error-needs-invalid = Vui lòng chọn việc quý vị cần trong danh sách.
error-details-too-long = Vui lòng viết không quá 2.000 ký tự.
error-household-invalid = Vui lòng nhập số người sống trong nhà quý vị, từ 1 đến 20.
error-income-invalid = Vui lòng nhập thu nhập mỗi tháng bằng số đô la, không ghi xu, ví dụ { $example_income }.
error-choice-invalid = Vui lòng chọn trong danh sách.
error-ref-invalid = Vui lòng nhập mã số có 8 ký tự, ví dụ { $example_code }.
error-last4-invalid = Vui lòng nhập 4 chữ số cuối của số điện thoại của quý vị.

## Confirmation
confirm-title = Chúng tôi đã nhận được yêu cầu của quý vị
confirm-code-intro = Mã số của quý vị là:
confirm-code-keep = Hãy ghi lại mã số này hoặc chụp hình lại. Quý vị cần mã số này để kiểm tra yêu cầu của mình.
confirm-next-title = Những việc tiếp theo
confirm-next-sms = Chúng tôi sẽ gửi cho quý vị một tin nhắn có mã số này.
confirm-sms-stopped = Trước đây quý vị đã yêu cầu chúng tôi ngừng nhắn tin đến số điện thoại này, nên chúng tôi sẽ không nhắn tin cho quý vị. Để nhận lại tin nhắn, hãy trả lời START cho bất kỳ tin nhắn nào của chúng tôi.
confirm-next-call = Chúng tôi sẽ gọi điện cho quý vị.
confirm-next-email = Chúng tôi sẽ gửi email cho quý vị.
confirm-next-navigator = Một hướng dẫn viên kỹ thuật số sẽ liên lạc với quý vị, thường trong vòng 2 ngày làm việc.
confirm-next-status = Quý vị có thể kiểm tra yêu cầu bất cứ lúc nào bằng mã số và 4 chữ số cuối của số điện thoại.
confirm-asked-title = Quý vị đã xin giúp đỡ về
confirm-programs-title = Các chương trình bạn có thể đủ điều kiện
confirm-programs-intro = Một người hướng dẫn sẽ giúp bạn nộp đơn. Mỗi chương trình cho biết lý do có thể phù hợp với bạn.
confirm-programs-none = Chúng tôi chưa tìm thấy chương trình nào cho bạn. Một người hướng dẫn sẽ cùng bạn xem xét yêu cầu.

## Status
status-title = Kiểm tra yêu cầu của quý vị
status-intro = Nhập mã số và 4 chữ số cuối của số điện thoại mà quý vị đã cho chúng tôi.
status-ref = Mã số
status-ref-hint = 8 chữ cái và chữ số, ví dụ { $example_code }.
status-last4 = 4 chữ số cuối của số điện thoại
status-last4-hint = Ví dụ, nếu số của quý vị là { $example_phone }, hãy nhập { $example_last4 }.
status-submit = Kiểm tra yêu cầu của tôi
status-not-found-title = Chúng tôi không tìm thấy yêu cầu này
status-not-found = Hãy kiểm tra lại mã số và 4 chữ số cuối của số điện thoại, rồi thử lại. Nếu vẫn không tìm thấy, quý vị có thể xin giúp đỡ lại.
status-result-title = Yêu cầu của quý vị
status-submitted = Đã gửi ngày
status-age = { $days ->
    [0] Quý vị đã gửi hôm nay.
   *[other] Quý vị đã gửi cách đây { $days } ngày.
}
status-current = Tình trạng
status-first-contact = Lần liên lạc đầu tiên
status-new-request = Xin giúp đỡ về việc khác
status-new = Đã nhận. Đang chờ hướng dẫn viên.
status-new-next = Một hướng dẫn viên kỹ thuật số sẽ sớm liên lạc với quý vị.
status-assigned = Đã có hướng dẫn viên nhận yêu cầu của quý vị.
status-assigned-next = Hướng dẫn viên của quý vị sẽ sớm liên lạc với quý vị.
status-in_progress = Hướng dẫn viên của quý vị đang lo việc này.
status-in_progress-next = Hướng dẫn viên sẽ tiếp tục giữ liên lạc với quý vị.
status-waiting_on_resident = Hướng dẫn viên đang chờ quý vị trả lời.
status-waiting_on_resident-next = Vui lòng trả lời tin nhắn hoặc cuộc gọi gần nhất của hướng dẫn viên.
status-referred = Chúng tôi đã giới thiệu quý vị đến một chương trình có thể giúp quý vị.
status-referred-next = Chương trình đó sẽ liên lạc với quý vị. Hướng dẫn viên có thể giúp quý vị nộp đơn.
status-resolved = Đã xong. Chúng tôi đã giúp quý vị kết nối.
status-resolved-next = Nếu cần giúp thêm, quý vị có thể xin giúp đỡ lại bất cứ lúc nào.
status-closed = Đã đóng.
status-closed-next = Nếu vẫn cần giúp, quý vị có thể xin giúp đỡ lại bất cứ lúc nào.

## Error pages
error-go-home = Về trang chủ
error-request-id = Nếu quý vị gọi cho chúng tôi, xin đọc số này: { $id }
error-400-title = Yêu cầu này có vấn đề
error-400-body = Vui lòng quay lại và thử lại.
error-404-title = Không tìm thấy trang
error-404-body = Hãy kiểm tra lại địa chỉ, hoặc bắt đầu lại từ trang chủ.
error-413-title = Nội dung gửi đi quá dài
error-413-body = Vui lòng viết câu trả lời ngắn hơn rồi thử lại.
error-429-title = Quá nhiều lần thử
error-429-body = Vui lòng chờ vài phút rồi thử lại.
error-500-title = Xin lỗi, đã có lỗi xảy ra
error-500-body = Lỗi là do chúng tôi, không phải do quý vị. Vui lòng thử lại sau vài phút.

## Program eligibility: a heading for each verdict and the reasons behind it, shown under a
## program's name. The benefit is the benefit's own label (benefit-snap and so on).
eligibility-eligible = Quý vị đủ điều kiện
eligibility-may-qualify = Quý vị có thể đủ điều kiện
eligibility-not-eligible = Quý vị không đủ điều kiện
eligibility-because-benefit = vì quý vị đang nhận { $benefit }
eligibility-because-income = vì thu nhập của gia đình quý vị nằm trong mức giới hạn
eligibility-open-to-all = dành cho mọi người
eligibility-no-capacity = hiện đã hết chỗ; hướng dẫn viên có thể ghi tên quý vị vào danh sách chờ hoặc tìm chương trình khác
eligibility-in-your-language = có bằng ngôn ngữ của quý vị
eligibility-not-in-your-language = không có bằng ngôn ngữ của quý vị; hướng dẫn viên có thể giúp tìm thông dịch viên
eligibility-income-too-high = thu nhập của gia đình quý vị cao hơn mức giới hạn
eligibility-no-qualifying-benefit = chỉ dành cho các gia đình đang nhận một số trợ cấp nhất định
eligibility-too-young = chỉ dành cho người từ { $min_age } tuổi trở lên
eligibility-outside-area = không có ở nơi quý vị sống
eligibility-closed = hiện không nhận người mới
eligibility-income-unknown = tùy thuộc vào thu nhập của gia đình quý vị; hướng dẫn viên sẽ cùng quý vị kiểm tra
eligibility-household-size-unknown = tùy thuộc vào số người sống trong nhà quý vị; hướng dẫn viên sẽ cùng quý vị kiểm tra
eligibility-age-unknown = chỉ dành cho người từ { $min_age } tuổi trở lên
eligibility-area-unknown = chỉ có ở một số khu phố; hướng dẫn viên sẽ kiểm tra khu phố của quý vị

## Cuộc hẹn (issue 17)
appt-title = Gặp trực tiếp hướng dẫn viên
appt-intro = Quý vị có thể chọn giờ để gặp một hướng dẫn viên kỹ thuật số tại thư viện hoặc trung tâm sinh hoạt gần quý vị. Hoàn toàn miễn phí.
appt-none = Không còn giờ trống trong hai tuần tới. Một hướng dẫn viên sẽ liên lạc với quý vị để hẹn giờ.
appt-choose = Chọn giờ
appt-submit = Đặt giờ này
appt-move-title = Chọn giờ khác
appt-move-submit = Đổi cuộc hẹn sang giờ này
appt-booked-intro = Cuộc hẹn của quý vị đã được đặt:
appt-booked-bring = Xin mang theo mã số của quý vị. Nếu không thể đến, quý vị có thể hủy hoặc chọn giờ khác tại đây.
appt-accessibility = Hỗ trợ tiếp cận: { $notes }
appt-cancel = Hủy cuộc hẹn của tôi
appt-taken-title = Giờ đó vừa có người đặt
appt-taken = Có người khác vừa đặt giờ đó, hoặc giờ đó không còn trống. Xin chọn giờ khác.
appt-error-choose = Xin chọn một trong các giờ trong danh sách
appt-back = Quay lại yêu cầu của quý vị
appt-when = { $time }, { $weekday } { $date }
appt-time-format = %H:%M
appt-weekday-1 = Thứ Hai
appt-weekday-2 = Thứ Ba
appt-weekday-3 = Thứ Tư
appt-weekday-4 = Thứ Năm
appt-weekday-5 = Thứ Sáu
appt-weekday-6 = Thứ Bảy
appt-weekday-7 = Chủ Nhật
