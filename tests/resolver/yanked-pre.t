# yanked files are skipped unless pinned with ==; pre-releases unless asked for
dist a 3.0b1
dist a 2.0 yanked
dist a 1.0
dist b 2.0 yanked
dist b 1.0
require a
require b==2.0
expect a==1.0 b==2.0
