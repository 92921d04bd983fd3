# mistake: only freezes the body; a head that was frozen before stays frozen
# targets: test_freeze_all_but_head
# %% freeze_all_but_head
def freeze_all_but_head(model: nn.Module) -> int:
    head = {id(p) for p in model.fc.parameters()}
    for p in model.parameters():
        if id(p) not in head:
            p.requires_grad_(False)
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
