# Bảng công bằng công khai, /equity (issue 19): mở cho mọi người, bằng mọi ngôn ngữ.

equity-footer-link = Sự trợ giúp có công bằng không?
equity-title = Sự trợ giúp có công bằng không?
equity-intro = Các yêu cầu trợ giúp gửi từ { $from } đến { $to }, và kết quả của chúng: có bao nhiêu yêu cầu, cư dân chờ bao lâu để được liên lạc lần đầu, và bao nhiêu người đã có internet tại nhà.
equity-suppression = Để bảo vệ quyền riêng tư, con số nào dựa trên ít hơn { $min } cư dân sẽ không được hiển thị, và mọi con số có thể dùng để suy ra nó cũng vậy.
equity-download-csv = Tải các con số này (CSV)
equity-predicts-heading = Danh tính có còn dự đoán kết quả không?
equity-predicts-intro = Công bằng nghĩa là quý vị là ai không còn dự đoán được sự trợ giúp quý vị nhận. Với chủng tộc hoặc sắc tộc, ngôn ngữ và khu phố, chúng tôi xem có nhóm nào phải chờ liên lạc lần đầu lâu hơn, hoặc ít được kết nối internet tại nhà hơn, so với mức ngẫu nhiên có thể giải thích.
equity-identity-race = Chủng tộc hoặc sắc tộc
equity-identity-race-lower = chủng tộc hoặc sắc tộc
equity-identity-language = Ngôn ngữ
equity-identity-language-lower = ngôn ngữ
equity-identity-area = Khu phố
equity-identity-area-lower = khu phố
equity-finding-waiting-yes = { $identity } vẫn dự đoán thời gian chờ: { $high_share } cư dân trong nhóm { $high } chờ hơn { $wait } để được liên lạc lần đầu, so với { $low_share } trong nhóm { $low }, gấp { $ratio } lần (khoảng tin cậy 95%: { $ci_low } đến { $ci_high }; khác biệt giữa các nhóm lớn hơn mức ngẫu nhiên, { $p }).
equity-finding-waiting-no = Không có dấu hiệu { $identity_lower } dự đoán thời gian chờ: khác biệt giữa các nhóm nằm trong mức ngẫu nhiên ({ $p }). Hai nhóm cách xa nhất: { $high_share } cư dân trong nhóm { $high } chờ hơn { $wait }, so với { $low_share } trong nhóm { $low } (tỷ số { $ratio }, khoảng tin cậy 95%: { $ci_low } đến { $ci_high }).
equity-finding-waiting-too-few = Chưa đủ cư dân để biết { $identity_lower } có dự đoán thời gian chờ hay không: chưa có hai nhóm đủ lớn để so sánh.
equity-finding-connected-yes = { $identity } vẫn dự đoán việc được kết nối: { $high_share } cư dân trong nhóm { $high } có internet tại nhà, so với { $low_share } trong nhóm { $low }, gấp { $ratio } lần (khoảng tin cậy 95%: { $ci_low } đến { $ci_high }; khác biệt giữa các nhóm lớn hơn mức ngẫu nhiên, { $p }).
equity-finding-connected-no = Không có dấu hiệu { $identity_lower } dự đoán việc được kết nối: khác biệt giữa các nhóm nằm trong mức ngẫu nhiên ({ $p }). Hai nhóm cách xa nhất: { $high_share } cư dân trong nhóm { $high } có internet tại nhà, so với { $low_share } trong nhóm { $low } (tỷ số { $ratio }, khoảng tin cậy 95%: { $ci_low } đến { $ci_high }).
equity-finding-connected-too-few = Chưa đủ cư dân để biết { $identity_lower } có dự đoán việc được kết nối hay không: chưa có hai nhóm đủ lớn để so sánh.
equity-p-equals = p = { $p }
equity-p-below = p < { $p }
equity-days = { $n ->
   *[other] { $n } ngày
}
equity-hours = { $n ->
   *[other] { $n } giờ
}
equity-method-heading = Cách chúng tôi tính
equity-method-groups = Chúng tôi chỉ so sánh các nhóm có ít nhất { $min } cư dân đứng sau con số, cũng là các nhóm mà bảng hiển thị. Với chủng tộc hoặc sắc tộc, mỗi câu trả lời được chọn riêng là một nhóm, và những người chọn nhiều câu trả lời là một nhóm nữa, nên không ai bị tính hai lần; những người không trả lời và các yêu cầu chưa có khu phố không được tính.
equity-method-waiting = Thời gian chờ: chúng tôi tìm mốc thời gian chia thời gian chờ của mọi cư dân được so sánh gần nhất thành hai nửa (ví dụ 2 ngày) và so sánh tỷ lệ mỗi nhóm phải chờ lâu hơn mốc đó. Để xem các nhóm có khác nhau hơn mức ngẫu nhiên không, chúng tôi dùng kiểm định Kruskal-Wallis trên thời gian chờ như được ghi (theo từng nấc từ một giờ đến một tuần), để hỏi xem có nhóm nào thường chờ lâu hơn các nhóm khác.
equity-method-connected = Được kết nối: trong các yêu cầu đã giải quyết, tỷ lệ cư dân có internet tại nhà. Để xem các nhóm có khác nhau hơn mức ngẫu nhiên không, chúng tôi dùng kiểm định độc lập chi bình phương trên số người được kết nối và không được kết nối.
equity-method-ratio = Tỷ số so sánh hai nhóm cách xa nhau nhất: nhóm này gấp bao nhiêu lần nhóm kia. Khoảng tin cậy 95% (phương pháp Katz) là khoảng mà tỷ số thật nhiều khả năng nằm trong đó; nếu khoảng này chứa số 1, hai nhóm đó có thể không thật sự khác nhau. Vì hai nhóm này được chọn do cách xa nhau nhất, câu kết luận do kiểm định trên mọi nhóm quyết định, không phải khoảng tin cậy.
equity-method-chance = Chúng tôi nói một danh tính vẫn dự đoán kết quả khi những khác biệt lớn như vậy chỉ xảy ra do ngẫu nhiên ít hơn 5 lần trong 100 (p nhỏ hơn 0,05). "Không có dấu hiệu" không chứng minh các nhóm được phục vụ như nhau: nhóm nhỏ vẫn có thể có khác biệt mà các con số chưa thể cho thấy.
equity-method-data = Mọi con số ở đây được đếm từ các tổng lưu cho mỗi 28 ngày, không bao giờ từ hồ sơ riêng của cư dân, và không thể nhận ra ai từ đó.
equity-year-heading = 12 tháng qua:
equity-quarters-heading = Theo quý
equity-period = { $from } đến { $to }
equity-quarter-cell-note = Mỗi ô cho thấy số yêu cầu, số ngày trung vị đến lần liên lạc đầu và tỷ lệ có internet tại nhà.
equity-quarter-cell = { $requests } · { $median } · { $connected }
equity-by-area = Theo khu phố
equity-by-language = Theo ngôn ngữ
equity-by-race = Theo chủng tộc hoặc sắc tộc
equity-by-channel = Theo cách cư dân xin trợ giúp
equity-col-area = Khu phố
equity-col-language = Ngôn ngữ
equity-col-race = Chủng tộc hoặc sắc tộc
equity-col-channel = Cách xin trợ giúp
equity-col-requests = Yêu cầu
equity-col-median = Số ngày trung vị đến lần liên lạc đầu
equity-col-p90 = Số ngày đến lần liên lạc đầu, 9 trên 10 người trong khoảng này
equity-col-connected = Có internet tại nhà
equity-everyone = Mọi người
equity-suppressed = ít hơn { $min }
equity-no-figure = —
equity-no-area = Chưa có khu phố
equity-race-unanswered = Không trả lời
equity-race-multiple = Nhiều câu trả lời
equity-race-prefer-not = Không muốn nói
equity-race-note = Cư dân chọn nhiều câu trả lời được tính trong mỗi nhóm đã chọn.
equity-channel-web = Mẫu đơn trên mạng
equity-channel-phone = Gọi điện thoại
equity-channel-walk_in = Đến trực tiếp
equity-channel-sms = Tin nhắn
equity-gap = Thời gian chờ trung vị dài nhất: { $longest }, { $high } ngày; ngắn nhất: { $shortest }, { $low } ngày.
equity-map-title = Số ngày trung vị đến lần liên lạc đầu, theo khu phố
equity-map-area = { $area }: { $figure }
equity-legend-up-to = đến { $value }
equity-legend-range = từ { $from } đến { $to }
equity-legend-none = Không có số liệu (quá ít cư dân, hoặc không có)
