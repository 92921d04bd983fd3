# why: zeroes (possibly missing) gradients first, then updates every parameter with sub_ in a loop under no_grad
# %% train_step
def train_step(x, y, w, b, lr):
    for p in (w, b):
        if p.grad is not None:
            p.grad.zero_()
    loss = (0.5 * (x.pow(2).mm(w) + b - y).pow(2)).sum()
    loss.backward()
    with torch.no_grad():
        for p in (w, b):
            p.sub_(p.grad, alpha=lr)
    return loss.item()
