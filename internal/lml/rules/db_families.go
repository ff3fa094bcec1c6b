package rules

// dataFamilies lists the data and storage families: keys first, since the
// others encrypt with them, then storage, databases and streams. Each call
// returns fresh families: some carry one draft's plans from declare to link.
func dataFamilies() []family {
	return []family{
		kmsFamily(), s3Family(), rdsFamily(), auroraFamily(), ddbFamily(), cacheFamily(), secretFamily(),
		glueFamily(), kinesisFamily(), firehoseFamily(),
	}
}
