package cloudformation

// glueDatabase converts aws_glue_catalog_database; the catalog is the
// account's own unless catalog_id says otherwise.
func glueDatabase(c *conv) {
	input := c.sub(c.path, c.body)
	input.used = c.used
	input.propPairs("name", "Name", "description", "Description", "location_uri", "LocationUri",
		"parameters", "Parameters")
	c.props["DatabaseInput"] = input.props
	c.props["CatalogId"] = pseudo("AWS::AccountId")
	c.prop("catalog_id", "CatalogId")
	c.drop("tags", "tags_all") // AWS::Glue::Database takes no tags
}

func glueCrawler(c *conv) {
	c.propPairs("name", "Name", "role", "Role", "database_name", "DatabaseName", "description", "Description",
		"table_prefix", "TablePrefix")
	if v, ok := c.get("schedule"); ok {
		c.props["Schedule"] = map[string]any{"ScheduleExpression": c.value(v)}
	}
	var s3 []any
	for _, b := range c.blocks("s3_target") {
		s3 = append(s3, c.nested("s3_target", b, func(n *conv) {
			n.propPairs("path", "Path", "exclusions", "Exclusions", "connection_name", "ConnectionName")
		}))
	}
	if len(s3) > 0 {
		c.props["Targets"] = map[string]any{"S3Targets": s3}
	}
	c.tagsMap("Tags")
}
