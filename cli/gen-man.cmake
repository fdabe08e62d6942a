# The man pages, from the built gibtrace: gibtrace.1 (gibtrace help --man) and
# gibtrace-CMD.1 (gibtrace help --man CMD) for every command gibtrace help --list names.
# usage: cmake -DGIBTRACE=path/to/gibtrace -DOUT=dir -P gen-man.cmake
file(GLOB gt_old_pages ${OUT}/*.1)
if(gt_old_pages)
	file(REMOVE ${gt_old_pages}) # a command removed leaves no page behind
endif()
file(MAKE_DIRECTORY ${OUT})
execute_process(COMMAND ${GIBTRACE} help --list
	OUTPUT_VARIABLE gt_cmds RESULT_VARIABLE gt_rc OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT gt_rc EQUAL 0 OR NOT gt_cmds)
	message(FATAL_ERROR "gen-man: '${GIBTRACE} help --list' failed (${gt_rc})")
endif()
string(REPLACE "\n" ";" gt_cmds "${gt_cmds}")
# gt_man(PAGE ARGS...): PAGE from gibtrace help --man ARGS, written whole or not at all
function(gt_man page)
	execute_process(COMMAND ${GIBTRACE} help --man ${ARGN}
		OUTPUT_FILE ${page}.tmp RESULT_VARIABLE rc)
	if(NOT rc EQUAL 0)
		file(REMOVE ${page}.tmp)
		message(FATAL_ERROR "gen-man: '${GIBTRACE} help --man ${ARGN}' failed (${rc})")
	endif()
	file(RENAME ${page}.tmp ${page})
endfunction()
foreach(gt_cmd IN LISTS gt_cmds)
	gt_man(${OUT}/gibtrace-${gt_cmd}.1 ${gt_cmd})
endforeach()
gt_man(${OUT}/gibtrace.1) # last: the build's output, there only when every page is
