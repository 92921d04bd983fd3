# why: stores detached clones of each step and converts them to floats at the end
# %% train
def train(x, y, w, b, lr, steps):
    snapshots = []
    for _ in range(steps):
        w.grad = None
        b.grad = None
        loss = (0.5 * (x.pow(2).mm(w) + b - y) ** 2).sum()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        snapshots.append(torch.cat([w.detach().clone().flatten(), b.detach().clone().flatten()]))
    return [(s[0].item(), s[1].item()) for s in snapshots]
